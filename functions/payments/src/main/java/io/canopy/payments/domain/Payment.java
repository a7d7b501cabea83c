package io.canopy.payments.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One payment attempt for one order of one user. {@code status}: {@code paid}, or {@code invalid} (declined). The
 * contract also names {@code pending} (a provider still deciding); this simulated provider decides at once and never
 * answers it. Payments never change once written.
 */
public record Payment(UUID paymentId, UUID userId, UUID orderId, String status, Instant createdAt) {

    public static final String PAID = "paid";
    public static final String PENDING = "pending";
    public static final String INVALID = "invalid";
}
