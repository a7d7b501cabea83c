package io.canopy.orders.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A coffee order. Status: created → paid → progress → (dispatched → delivered); cancelled from created, paid or
 * progress. {@code paymentId} and {@code scheduleId} record what really happened downstream.
 */
public record Order(UUID id, UUID userId, String status, List<OrderItem> items, Instant created, Instant updated,
                    @Nullable UUID paymentId, @Nullable UUID scheduleId, long version) {

    public static final String CREATED = "created";
    public static final String PAID = "paid";
    public static final String PROGRESS = "progress";
    public static final String CANCELLED = "cancelled";

    public Order with(String newStatus, List<OrderItem> newItems, @Nullable UUID newPaymentId, @Nullable UUID newScheduleId, Instant now) {
        return new Order(id, userId, newStatus, newItems, created, now, newPaymentId, newScheduleId, version + 1);
    }
}
