package io.canopy.properties.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code properties.properties} (its generated {@code city_key} column is never written). */
@MappedEntity(value = "properties", schema = "properties")
record PropertyRow(@Id UUID id, UUID ownerId, String name, String description, String type, String city,
                   Instant createdAt, Instant updatedAt, long version) {
}
