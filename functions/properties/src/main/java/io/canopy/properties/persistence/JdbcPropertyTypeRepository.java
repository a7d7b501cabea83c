package io.canopy.properties.persistence;

import io.canopy.properties.domain.PropertyType;
import io.canopy.properties.domain.PropertyTypeRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** {@link PropertyTypeRepository} on PostgreSQL ({@code properties.property_types}). */
@Singleton
class JdbcPropertyTypeRepository implements PropertyTypeRepository {

    private final PropertyTypeRows rows;

    JdbcPropertyTypeRepository(PropertyTypeRows rows) {
        this.rows = rows;
    }

    @Override
    public List<PropertyType> all() {
        return rows.listOrderBySlug().stream().map(row -> new PropertyType(row.slug(), row.name())).toList();
    }

    @Override
    public Optional<PropertyType> find(String slug) {
        return rows.findById(slug).map(row -> new PropertyType(row.slug(), row.name()));
    }

    @Override
    public boolean insert(PropertyType type) {
        return rows.insertIfAbsent(type.slug(), type.name()) == 1;
    }

    @Override
    public void upsert(PropertyType type) {
        rows.upsert(type.slug(), type.name());
    }

    @Override
    @Transactional
    public DeleteResult delete(String slug) {
        if (rows.findById(slug).isEmpty()) {
            return DeleteResult.NOT_FOUND;
        }
        // The foreign key (ON DELETE RESTRICT) would refuse it too; asking first gives a clean 409.
        if (rows.isInUse(slug)) {
            return DeleteResult.IN_USE;
        }
        rows.deleteById(slug);
        return DeleteResult.DELETED;
    }
}
