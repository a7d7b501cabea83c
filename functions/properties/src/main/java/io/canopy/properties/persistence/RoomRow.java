package io.canopy.properties.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code properties.rooms}. */
@MappedEntity(value = "rooms", schema = "properties")
record RoomRow(@Id UUID id, UUID propertyId, String name, @Nullable String description, @Nullable BigDecimal areaM2,
               @Nullable Integer floor, @TypeDef(type = DataType.STRING_ARRAY) String[] features,
               Instant createdAt, Instant updatedAt) {
}
