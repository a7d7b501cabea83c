package io.canopy.properties.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A room of a property: a name, and what describes it — free text, its floor area (m², two decimals), the floor it
 * is on (0 = ground floor, negative = basement) and features ({@code balcony}, {@code fireplace}, ...).
 */
public record Room(UUID id, UUID propertyId, String name, @Nullable String description, @Nullable BigDecimal areaM2,
                   @Nullable Integer floor, List<String> features, Instant createdAt, Instant updatedAt) {
}
