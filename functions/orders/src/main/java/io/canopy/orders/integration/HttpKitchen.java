package io.canopy.orders.integration;

import io.canopy.orders.domain.DownstreamFailure;
import io.canopy.orders.domain.Kitchen;
import io.canopy.orders.domain.OrderItem;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /kitchen/schedules {"order_id", "order"}} → {@code {id, order_id, scheduled, status, order}} (201 new,
 * 200 the order's existing schedule); {@code POST /kitchen/schedules/{id}/cancel} → 200 (also when cancelled
 * already), or 409 when it will not (it finished the order, or another change of the schedule is running).
 */
@Singleton
class HttpKitchen implements Kitchen {

    static final String SERVICE = "The kitchen";

    private final DownstreamHttp http;
    private final String schedules;

    HttpKitchen(DownstreamHttp http, DownstreamSettings settings) {
        this.http = http;
        this.schedules = settings.kitchenUrl() + "/kitchen/schedules";
    }

    @Override
    public UUID schedule(UUID orderId, List<OrderItem> items, String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order_id", orderId.toString());
        body.put("order", items.stream().map(item -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("product", item.product());
            line.put("size", item.size());
            line.put("quantity", item.quantity());
            return line;
        }).toList());
        DownstreamHttp.Answer answer = http.post(SERVICE, URI.create(schedules), body, authorization);
        if (answer.status() == 409) {
            throw DownstreamFailure.busy(SERVICE);
        }
        if (answer.body() == null) {
            throw DownstreamFailure.badGateway(SERVICE, "refused the schedule request (" + answer.status() + ")");
        }
        UUID scheduleId = DownstreamHttp.uuid(SERVICE, answer.body(), "id");
        if (!orderId.equals(DownstreamHttp.uuid(SERVICE, answer.body(), "order_id"))) {
            throw DownstreamFailure.badGateway(SERVICE, "answered with the schedule of another order");
        }
        return scheduleId;
    }

    @Override
    public Cancellation cancelSchedule(UUID scheduleId, String authorization) {
        DownstreamHttp.Answer answer = http.post(SERVICE, URI.create(schedules + "/" + scheduleId + "/cancel"), null, authorization);
        if (answer.status() == 409) {
            return Cancellation.REFUSED;
        }
        if (answer.body() == null) {
            throw DownstreamFailure.badGateway(SERVICE, "refused to cancel schedule " + scheduleId + " (" + answer.status() + ")");
        }
        if (!"cancelled".equals(DownstreamHttp.string(SERVICE, answer.body(), "status"))) {
            throw DownstreamFailure.badGateway(SERVICE, "did not cancel schedule " + scheduleId);
        }
        return Cancellation.CANCELLED;
    }
}
