package io.canopy.kitchen.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which of the caller's schedules a list keeps.
 *
 * @param progress {@code true}: only schedules in {@code progress}; {@code false}: all the others; {@code null}: all
 * @param since    only schedules whose {@code scheduled} is at or after it; {@code null}: any time
 */
public record ScheduleFilter(@Nullable Boolean progress, @Nullable Instant since) {
}
