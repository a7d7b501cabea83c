package io.canopy.kitchen.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The kitchen's schedule for one paid order; status pending, progress, cancelled or finished. */
public record Schedule(UUID id, UUID userId, UUID orderId, Instant scheduled, String status, List<Item> order, long version) {

    public static final String PENDING = "pending";
    public static final String PROGRESS = "progress";
    public static final String CANCELLED = "cancelled";
    public static final String FINISHED = "finished";

    public Schedule with(String newStatus, List<Item> newOrder) {
        return new Schedule(id, userId, orderId, scheduled, newStatus, newOrder, version + 1);
    }
}
