package io.canopy.payments.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.UUID;

public interface PaymentRepository {

    Optional<Payment> find(UUID userId, UUID paymentId);

    /** The payment that currently stands for the order, if any. */
    Optional<Payment> forOrder(UUID userId, UUID orderId);

    /**
     * Stores the payment as the order's payment, if the order still has none, or still has exactly
     * {@code replacing} (a declined one being retried). False when another request won.
     */
    boolean claim(Payment payment, @Nullable Payment replacing);

    long deleteAll(UUID userId);
}
