package io.canopy.payments.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.security.Caller;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated payment provider, idempotent per (caller, order): the first request that gets through decides, every
 * later one answers that same payment, however many run at once. A declined payment ({@code invalid}) does not settle
 * the order: each later request asks the decline rule again — still declined, it answers the same declined payment;
 * no longer declined, it pays, replacing the declined payment conditionally, so an order never has two {@code paid}
 * payments and a paid one is never charged again.
 */
@Singleton
public class PaymentService {

    /** Tries of one request against concurrent requests for the same order before it answers 409. */
    static final int MAX_ATTEMPTS = 5;
    public static final String NOT_FOUND_DETAIL = "No such payment.";

    /** The payment, and whether this request made it (201) or found it (200). */
    public record Outcome(Payment payment, boolean created) {
    }

    private final PaymentRepository payments;
    private final DeclineRule declineRule;
    private final Clock clock;

    public PaymentService(PaymentRepository payments, DeclineRule declineRule, Clock clock) {
        this.payments = payments;
        this.declineRule = declineRule;
        this.clock = clock;
    }

    public Outcome pay(Caller caller, UUID orderId) {
        boolean declined = declineRule.declines(caller.email());
        Optional<Payment> standing = payments.forOrder(caller.id(), orderId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (standing.isPresent() && (declined || !Payment.INVALID.equals(standing.get().status()))) {
                // Paid already; or declined and the caller still would be: the same answer again, nothing new.
                return new Outcome(standing.get(), false);
            }
            Payment payment = new Payment(UUID.randomUUID(), caller.id(), orderId, declined ? Payment.INVALID : Payment.PAID,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (payments.claim(payment, standing.orElse(null))) {
                return new Outcome(payment, true);
            }
            // Another request for this order got there first: read what stands now. If nothing changed yet, its
            // write is still in flight (a transaction conflict): give it a moment before deciding again.
            UUID tried = idOf(standing);
            standing = payments.forOrder(caller.id(), orderId);
            if (Objects.equals(tried, idOf(standing))) {
                pause(attempt);
                standing = payments.forOrder(caller.id(), orderId);
            }
        }
        throw ApiException.conflict("Other requests are paying this order at the same moment; retry.");
    }

    private static UUID idOf(Optional<Payment> payment) {
        return payment.map(Payment::paymentId).orElse(null);
    }

    public Payment get(Caller caller, UUID paymentId) {
        return payments.find(caller.id(), paymentId).orElseThrow(() -> ApiException.notFound(NOT_FOUND_DETAIL));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paying", e);
        }
    }
}
