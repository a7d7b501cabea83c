package io.canopy.properties.persistence;

import io.canopy.properties.domain.PropertyType;
import io.canopy.properties.domain.PropertyTypeRepository;
import io.canopy.shared.jdbc.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** {@link PropertyTypeRepository} on PostgreSQL ({@code properties.property_types}). */
@Singleton
class JdbcPropertyTypeRepository implements PropertyTypeRepository {

    private final Sql sql;

    JdbcPropertyTypeRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<PropertyType> all() {
        return select("SELECT slug, name FROM properties.property_types ORDER BY slug");
    }

    @Override
    public Optional<PropertyType> find(String slug) {
        return select("SELECT slug, name FROM properties.property_types WHERE slug = ?", slug).stream().findFirst();
    }

    @Override
    public boolean insert(PropertyType type) {
        return sql.run(connection -> Sql.update(connection, "INSERT INTO properties.property_types (slug, name) VALUES (?, ?)"
                + " ON CONFLICT (slug) DO NOTHING", type.slug(), type.name())) == 1;
    }

    @Override
    public void upsert(PropertyType type) {
        sql.run(connection -> Sql.update(connection, "INSERT INTO properties.property_types (slug, name) VALUES (?, ?)"
                + " ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name", type.slug(), type.name()));
    }

    @Override
    @Transactional
    public DeleteResult delete(String slug) {
        if (find(slug).isEmpty()) {
            return DeleteResult.NOT_FOUND;
        }
        // The foreign key (ON DELETE RESTRICT) would refuse it too; asking first gives a clean 409.
        boolean inUse = sql.run(connection -> Sql.list(connection, row -> row.getBoolean(1),
                "SELECT EXISTS (SELECT 1 FROM properties.properties WHERE type = ?)", slug).get(0));
        if (inUse) {
            return DeleteResult.IN_USE;
        }
        sql.run(connection -> Sql.update(connection, "DELETE FROM properties.property_types WHERE slug = ?", slug));
        return DeleteResult.DELETED;
    }

    private List<PropertyType> select(String query, Object... parameters) {
        return sql.run(connection -> Sql.list(connection,
                row -> new PropertyType(row.getString("slug"), row.getString("name")), query, parameters));
    }
}
