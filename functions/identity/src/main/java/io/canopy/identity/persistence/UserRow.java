package io.canopy.identity.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code identity.users}. */
@MappedEntity(value = "users", schema = "identity")
record UserRow(@Id UUID id,
               String email,
               String passwordHash,
               @Nullable String firstName,
               @Nullable String lastName,
               @Nullable LocalDate birthDate,
               @TypeDef(type = DataType.STRING_ARRAY) String[] roles,
               @TypeDef(type = DataType.STRING_ARRAY) String[] permissions,
               Instant createdAt,
               Instant updatedAt,
               @Version long version) {
}
