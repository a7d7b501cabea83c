package io.canopy.kitchen.domain;

import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Schedules, always within one user's partition. */
public interface ScheduleRepository {

    Optional<Schedule> find(UUID userId, UUID id);

    Optional<Schedule> forOrder(UUID userId, UUID orderId);

    /** Stores the schedule as the order's only one; false when the order already has one. */
    boolean create(Schedule schedule);

    /** Newest {@code scheduled} first; {@code status} and {@code since} filter. */
    Page<Schedule> list(UUID userId, @Nullable String status, @Nullable Instant since, PageRequest page);

    /** Replaces it if its stored version is still {@code changed.version() - 1}; false otherwise. */
    boolean update(Schedule changed);

    /** Deletes it (and the order's claim) if its version is still the one given; false otherwise. */
    boolean delete(Schedule schedule);

    long deleteAll(UUID userId);
}
