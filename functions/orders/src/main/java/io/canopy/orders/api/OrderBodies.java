package io.canopy.orders.api;

import io.canopy.orders.domain.ItemDraft;
import io.canopy.orders.domain.Order;
import io.canopy.orders.domain.OrderItem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.annotation.Serdeable.Deserializable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Request and response bodies of the orders group, named {@code Order*} in the OpenAPI so the merged document has no
 * collisions (kitchen's are {@code Kitchen*}). Request fields are nullable here so that a missing field is the
 * service's 422 with a field name; unknown fields are a 422 by the shared serde settings.
 */
final class OrderBodies {

    private OrderBodies() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderItem", description = "One line of an order")
    record ItemBody(
            @Schema(description = "1 to 100 characters", minLength = 1, maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED, example = "cappuccino")
            @Nullable String product,
            @Schema(allowableValues = {"small", "medium", "big"}, requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String size,
            @Schema(description = "an integer literal; omitted means 1, null is refused", minimum = "1", maximum = "1000000", defaultValue = "1")
            @Nullable @Deserializable(using = NoNullInteger.class) Integer quantity) {

        static ItemBody of(OrderItem item) {
            return new ItemBody(item.product(), item.size(), item.quantity());
        }

        ItemDraft draft() {
            return new ItemDraft(product, size, quantity);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderRequest", description = "The items of a new order, or the new items of a created one", requiredProperties = "order")
    record OrderRequest(
            @ArraySchema(minItems = 1, maxItems = 50, schema = @Schema(implementation = ItemBody.class))
            @Nullable List<ItemBody> order) {

        List<ItemDraft> drafts() {
            return order == null ? null : order.stream().map(item -> item == null ? null : item.draft()).toList();
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Order", description = "A coffee order; payment_id once paid, schedule_id once in progress")
    record OrderBody(
            UUID id,
            @Schema(allowableValues = {"created", "paid", "progress", "dispatched", "delivered", "cancelled"}, requiredMode = Schema.RequiredMode.REQUIRED) String status,
            List<ItemBody> order,
            @Schema(description = "when this order was placed (RFC 3339, UTC)", requiredMode = Schema.RequiredMode.REQUIRED) Instant created,
            @Schema(description = "when it last changed", requiredMode = Schema.RequiredMode.REQUIRED) Instant updated,
            @Schema(description = "the payment, once payments said paid") @Nullable UUID paymentId,
            @Schema(description = "the kitchen schedule, once the kitchen scheduled it") @Nullable UUID scheduleId) {

        static OrderBody of(Order order) {
            return new OrderBody(order.id(), order.status().wire(), order.items().stream().map(ItemBody::of).toList(),
                    order.created(), order.updated(), order.paymentId(), order.scheduleId());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderPage", description = "A page of the caller's orders, newest first")
    record OrderPage(List<OrderBody> items, @Schema(description = "pass as cursor for the next page; null on the last") @Nullable String nextCursor) {
    }
}
