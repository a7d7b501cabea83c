package io.canopy.properties.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PropertyTypeRows extends CrudRepository<PropertyTypeRow, String> {

    List<PropertyTypeRow> listOrderBySlug();

    @Query("INSERT INTO properties.property_types (slug, name) VALUES (:slug, :name) ON CONFLICT (slug) DO NOTHING")
    int insertIfAbsent(String slug, String name);

    @Query("INSERT INTO properties.property_types (slug, name) VALUES (:slug, :name) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name")
    void upsert(String slug, String name);

    @Query("SELECT EXISTS (SELECT 1 FROM properties.properties WHERE type = :slug)")
    boolean isInUse(String slug);
}
