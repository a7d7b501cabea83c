package io.canopy.carbon.domain;

import java.util.List;
import java.util.Optional;

public interface UsageTypeRepository {

    List<UsageType> all();

    Optional<UsageType> find(long id);

    /** False when a type with this id exists. */
    boolean create(UsageType type);

    /** Creates or replaces; an existing type keeps its usage count. */
    void put(UsageType type);

    enum DeleteResult { DELETED, NOT_FOUND, IN_USE }

    /** Deletes the type only while no usage references it. */
    DeleteResult delete(long id);
}
