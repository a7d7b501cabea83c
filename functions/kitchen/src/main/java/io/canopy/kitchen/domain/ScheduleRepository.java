package io.canopy.kitchen.domain;

import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;

import java.util.Optional;
import java.util.UUID;

/** Schedules, always within one user's partition: no method reaches another user's schedules. */
public interface ScheduleRepository {

    Optional<Schedule> find(UUID userId, UUID id);

    /** The schedule that stands for the order, if it has one. */
    Optional<Schedule> forOrder(UUID userId, UUID orderId);

    /**
     * Stores the schedule as its order's only one. False when the write lost to a concurrent one (the order has a
     * schedule now, or another request's write is still in flight): read {@link #forOrder} again.
     */
    boolean create(Schedule schedule);

    /** Newest {@code scheduled} first. */
    Page<Schedule> list(UUID userId, ScheduleFilter filter, PageRequest page);

    /** Replaces it if its stored version is still {@code changed.version() - 1}; false otherwise. */
    boolean update(Schedule changed);

    /** Deletes it (and its order's claim) if its stored version is still the one given; false otherwise. */
    boolean delete(Schedule schedule);

    /** Erases everything of the user; running it again finds nothing. How many schedules went. */
    long deleteAll(UUID userId);
}
