package io.canopy.payments.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.security.Caller;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A simulated payment provider, idempotent per (caller, order): the first successful request pays, every later one
 * gets that same payment, however many run at once. A declined payment (status {@code invalid}) may be retried; a
 * paid one never charges again.
 */
@Singleton
public class PaymentService {

    /** The outcome, and whether this request created the payment (201) or found it (200). */
    public record Outcome(Payment payment, boolean created) {
    }

    private final PaymentRepository payments;
    private final Clock clock;
    private final Pattern declined;

    public PaymentService(PaymentRepository payments, Clock clock,
                          @Value("${canopy.payments.decline-email-pattern:}") String declinePattern) {
        this.payments = payments;
        this.clock = clock;
        this.declined = declinePattern.isBlank() ? null : Pattern.compile(declinePattern);
    }

    public Outcome pay(Caller caller, UUID orderId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Payment> existing = payments.forOrder(caller.id(), orderId);
            if (existing.isPresent() && !Payment.INVALID.equals(existing.get().status())) {
                return new Outcome(existing.get(), false);
            }
            boolean decline = declined != null && caller.email() != null && declined.matcher(caller.email()).matches();
            Payment payment = new Payment(UUID.randomUUID(), caller.id(), orderId, decline ? Payment.INVALID : Payment.PAID,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (payments.claim(payment, existing.orElse(null))) {
                return new Outcome(payment, true);
            }
            // Another request for the same order won the race: answer with its payment.
        }
        throw ApiException.conflict("Payments for this order are changing concurrently; retry.");
    }

    public Payment get(Caller caller, UUID paymentId) {
        return payments.find(caller.id(), paymentId).orElseThrow(() -> ApiException.notFound("No such payment."));
    }
}
