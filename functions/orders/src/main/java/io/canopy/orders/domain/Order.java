package io.canopy.orders.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A coffee order of one user. {@code paymentId} and {@code scheduleId} record what really happened downstream:
 * they are set only once payments said paid and the kitchen said scheduled. {@code version} grows by one on every
 * write; every write is conditional on the version (and status) that was read.
 */
public record Order(UUID id, UUID userId, OrderStatus status, List<OrderItem> items, Instant created, Instant updated,
                    @Nullable UUID paymentId, @Nullable UUID scheduleId, long version) {

    public Order {
        items = List.copyOf(items);
    }

    public Order withItems(List<OrderItem> newItems, Instant now) {
        return new Order(id, userId, status, newItems, created, now, paymentId, scheduleId, version + 1);
    }

    public Order paid(UUID newPaymentId, Instant now) {
        return new Order(id, userId, OrderStatus.PAID, items, created, now, newPaymentId, scheduleId, version + 1);
    }

    public Order scheduled(UUID newScheduleId, Instant now) {
        return new Order(id, userId, OrderStatus.PROGRESS, items, created, now, paymentId, newScheduleId, version + 1);
    }

    public Order cancelled(Instant now) {
        return new Order(id, userId, OrderStatus.CANCELLED, items, created, now, paymentId, scheduleId, version + 1);
    }

    /** A cancelled order that learns of a payment that went through while it was being cancelled. */
    public Order withPayment(UUID newPaymentId, Instant now) {
        return new Order(id, userId, status, items, created, now, newPaymentId, scheduleId, version + 1);
    }
}
