package io.canopy.properties.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PropertyRows extends CrudRepository<PropertyRow, UUID> {

    @Query("SELECT id, owner_id, name, description, type, city, created_at, updated_at, version"
            + " FROM properties.properties WHERE id = :id FOR UPDATE")
    Optional<PropertyRow> findForUpdate(UUID id);

    long deleteByOwnerId(UUID ownerId);
}
