package io.canopy.payments.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.UUID;

/** Payments, always within one user's partition: no method reaches another user's payments. */
public interface PaymentRepository {

    Optional<Payment> find(UUID userId, UUID paymentId);

    /** The payment that currently stands for the order, if any. */
    Optional<Payment> forOrder(UUID userId, UUID orderId);

    /**
     * Stores the payment and makes it the one that stands for its order — if the order still has none
     * ({@code replacing == null}), or still has exactly {@code replacing} (a declined one being retried). False when
     * a concurrent request got there first (or its write is still in flight); nothing was written then.
     */
    boolean claim(Payment payment, @Nullable Payment replacing);

    /** Erases everything of the user; running it again finds nothing. How many payments went. */
    long deleteAll(UUID userId);
}
