package io.canopy.payments.domain;

import java.time.Instant;
import java.util.UUID;

/** A payment for one order of one user; {@code status} is paid, pending or invalid (declined). */
public record Payment(UUID paymentId, UUID userId, UUID orderId, String status, Instant createdAt) {

    public static final String PAID = "paid";
    public static final String INVALID = "invalid";
}
