package io.canopy.properties.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** Filters of {@code GET /properties}; {@code city} is already normalized (trimmed, lower case). */
public record PropertyQuery(@Nullable String cityKey, @Nullable String type, @Nullable UUID ownerId) {
}
