package io.canopy.properties.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code properties.property_types} ({@code created_at} is filled by the database). */
@MappedEntity(value = "property_types", schema = "properties")
record PropertyTypeRow(@Id String slug, String name) {
}
