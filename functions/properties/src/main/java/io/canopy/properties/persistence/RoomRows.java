package io.canopy.properties.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RoomRows extends CrudRepository<RoomRow, UUID> {

    @Query("SELECT * FROM properties.rooms WHERE property_id IN (:propertyIds) ORDER BY property_id, created_at, id")
    List<RoomRow> findOfProperties(Collection<UUID> propertyIds);
}
