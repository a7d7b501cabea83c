package io.canopy.payments.api;

import io.canopy.payments.domain.Payment;
import io.canopy.payments.domain.PaymentService;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.Uuids;
import io.canopy.shared.idempotency.IdempotencyStore;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/**
 * Payments of the caller's orders, one standing payment per order. Another user's payment, an unknown id and a path
 * that is not a UUID are all 404. Orders calls {@code POST /payments} with the customer's own token.
 */
@Controller("/payments")
@Tag(name = "payments")
@SecurityRequirement(name = "bearerAuth")
public class PaymentsController {

    /** Payments never change once written, so every representation is version 1. */
    static final String ETAG = ETags.of(1);

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PaymentRequest", description = "Pay for an order; again for the same order answers its payment", requiredProperties = "order_id")
    record PaymentRequest(@Schema(description = "the order to pay (orders' id)", format = "uuid") @Nullable String orderId) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Payment", description = "A payment of one order")
    record PaymentBody(
            UUID paymentId,
            @Schema(description = "the order it pays", requiredMode = Schema.RequiredMode.REQUIRED) UUID orderId,
            @Schema(description = "paid; invalid: declined (the order may be paid again); pending: never answered by this simulated provider",
                    allowableValues = {"paid", "pending", "invalid"}, requiredMode = Schema.RequiredMode.REQUIRED) String status) {

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
    @Operation(operationId = "createPayment",
            summary = "Pay for an order: once per order however often it is asked; a declined (invalid) payment is decided again. Honours Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Decided now: paid, or invalid (declined); Location and ETag set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentBody.class)))
    @ApiResponse(responseCode = "200", description = "The order's existing payment (paid); nothing charged again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentBody.class)))
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running, or other requests kept racing for this order; retry")
    @ApiResponse(responseCode = "422", description = "order_id missing or not a UUID, unknown fields, or an Idempotency-Key reused with another body")
    public MutableHttpResponse<?> createPayment(Caller caller, @Body PaymentRequest body,
                                                @Nullable @Header(IdempotencyStore.HEADER) String idempotencyKey) {
        UUID orderId = orderId(body.orderId());
        return idempotency.execute(caller.id() + " POST /payments", idempotencyKey, body, () -> {
            PaymentService.Outcome outcome = payments.pay(caller, orderId);
            PaymentBody answer = PaymentBody.of(outcome.payment());
            URI location = URI.create("/payments/" + outcome.payment().paymentId());
            MutableHttpResponse<PaymentBody> response = outcome.created()
                    ? HttpResponse.created(answer, location)
                    : HttpResponse.ok(answer).header(HttpHeaders.LOCATION, location.toString());
            return response.header(HttpHeaders.ETAG, ETAG);
        });
    }

    @Get("/{id}")
    @Operation(operationId = "getPayment", summary = "One of the caller's payments (also a declined one that was replaced)")
    @ApiResponse(responseCode = "200", description = "The payment")
    @ApiResponse(responseCode = "404", description = "No such payment of the caller")
    public HttpResponse<PaymentBody> getPayment(Caller caller, @PathVariable String id) {
        return HttpResponse.ok(PaymentBody.of(payments.get(caller, paymentId(id)))).header(HttpHeaders.ETAG, ETAG);
    }

    private static UUID orderId(@Nullable String text) {
        if (text == null) {
            throw ApiException.invalid("order_id", "is required");
        }
        return Uuids.field("order_id", text);
    }

    private static UUID paymentId(String text) {
        return Uuids.pathId(text, PaymentService.NOT_FOUND_DETAIL);
    }
}
