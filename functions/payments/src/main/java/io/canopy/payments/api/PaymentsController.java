package io.canopy.payments.api;

import io.canopy.payments.domain.Payment;
import io.canopy.payments.domain.PaymentService;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.idempotency.IdempotencyStore;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Payments of the caller's orders; another user's payment is 404. */
@Controller("/payments")
@Tag(name = "payments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearerAuth")
public class PaymentsController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PaymentRequest")
    record PaymentRequest(@Nullable UUID orderId) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Payment", description = "status: paid, pending or invalid (declined)")
    record PaymentBody(UUID paymentId, UUID orderId, String status) {
        static PaymentBody of(Payment payment) {
            return new PaymentBody(payment.paymentId(), payment.orderId(), payment.status());
        }
    }

    private final PaymentService payments;
    private final IdempotencyStore idempotency;

    public PaymentsController(PaymentService payments, IdempotencyStore idempotency) {
        this.payments = payments;
        this.idempotency = idempotency;
    }

    @Post
    @Operation(operationId = "createPayment", summary = "Pay for an order: once per order, however often it is asked")
    @ApiResponse(responseCode = "201", description = "Paid now (or declined: status invalid)")
    @ApiResponse(responseCode = "200", description = "The order's existing payment")
    @ApiResponse(responseCode = "422", description = "order_id missing or not a UUID")
    public MutableHttpResponse<?> pay(Caller caller, @Body PaymentRequest body,
                                      @Nullable @Header(IdempotencyStore.HEADER) String idempotencyKey) {
        if (body.orderId() == null) {
            throw ApiException.invalid("order_id", "is required");
        }
        return idempotency.execute(caller.id() + " POST /payments", idempotencyKey, body, () -> {
            PaymentService.Outcome outcome = payments.pay(caller, body.orderId());
            PaymentBody answer = PaymentBody.of(outcome.payment());
            URI location = URI.create("/payments/" + outcome.payment().paymentId());
            return outcome.created() ? HttpResponse.created(answer, location) : HttpResponse.ok(answer).header("Location", location.toString());
        });
    }

    @Get("/{id}")
    @Operation(operationId = "getPayment", summary = "One of the caller's payments")
    @ApiResponse(responseCode = "200", description = "The payment")
    @ApiResponse(responseCode = "404", description = "No such payment of the caller")
    public PaymentBody get(Caller caller, @PathVariable String id) {
        UUID paymentId;
        try {
            paymentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such payment.");
        }
        return PaymentBody.of(payments.get(caller, paymentId));
    }
}
