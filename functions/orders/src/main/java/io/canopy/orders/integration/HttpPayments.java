package io.canopy.orders.integration;

import io.canopy.orders.domain.DownstreamFailure;
import io.canopy.orders.domain.Payments;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** {@code POST /payments {"order_id"}} → {@code {payment_id, order_id, status: paid|pending|invalid}} (201 new, 200 existing). */
@Singleton
class HttpPayments implements Payments {

    static final String SERVICE = "Payments";

    private final DownstreamHttp http;
    private final URI payments;

    HttpPayments(DownstreamHttp http, DownstreamSettings settings) {
        this.http = http;
        this.payments = URI.create(settings.paymentsUrl() + "/payments");
    }

    @Override
    public Payment pay(UUID orderId, String authorization) {
        DownstreamHttp.Answer answer = http.post(SERVICE, payments, Map.of("order_id", orderId.toString()), authorization);
        if (answer.status() == 409) {
            throw DownstreamFailure.busy(SERVICE);
        }
        if (answer.body() == null) {
            throw DownstreamFailure.badGateway(SERVICE, "refused the payment request (" + answer.status() + ")");
        }
        JsonNode body = answer.body();
        UUID paymentId = DownstreamHttp.uuid(SERVICE, body, "payment_id");
        if (!orderId.equals(DownstreamHttp.uuid(SERVICE, body, "order_id"))) {
            throw DownstreamFailure.badGateway(SERVICE, "answered with the payment of another order");
        }
        Status status = switch (DownstreamHttp.string(SERVICE, body, "status")) {
            case "paid" -> Status.PAID;
            case "pending" -> Status.PENDING;
            case "invalid" -> Status.DECLINED;
            default -> throw DownstreamFailure.badGateway(SERVICE, "answered an unknown payment status");
        };
        return new Payment(paymentId, status);
    }
}
