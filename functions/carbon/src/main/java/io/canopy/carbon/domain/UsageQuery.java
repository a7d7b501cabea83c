package io.canopy.carbon.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** Filters of {@code GET /usages}; {@code from} and {@code to} are inclusive bounds on {@code usage_at}. */
public record UsageQuery(@Nullable Instant from, @Nullable Instant to, @Nullable Long usageTypeId) {
}
