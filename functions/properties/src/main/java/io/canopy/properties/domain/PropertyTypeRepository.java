package io.canopy.properties.domain;

import java.util.List;
import java.util.Optional;

public interface PropertyTypeRepository {

    List<PropertyType> all();

    Optional<PropertyType> find(String slug);

    /** False when the slug exists. */
    boolean insert(PropertyType type);

    /** Creates or renames. */
    void upsert(PropertyType type);

    enum DeleteResult { DELETED, NOT_FOUND, IN_USE }

    DeleteResult delete(String slug);
}
