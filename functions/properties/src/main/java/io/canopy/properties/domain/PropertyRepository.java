package io.canopy.properties.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Properties and their rooms. Writes happen inside the caller's transaction. */
public interface PropertyRepository {

    Optional<Property> find(UUID id);

    /** The property row locked until the transaction ends, so concurrent writers take turns. */
    Optional<Property> lock(UUID id);

    /** Newest first, after the keyset {@code (afterCreatedAt, afterId)} when given; with rooms. */
    List<Property> list(PropertyQuery query, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit);

    void insert(Property property);

    /** Stores the property's own fields and version (not its rooms). */
    void update(Property property);

    void delete(UUID id);

    void insertRoom(Room room);

    void updateRoom(Room room);

    void deleteRoom(UUID roomId);

    /** Deletes every property of the owner (rooms follow); returns how many. */
    long deleteAllOf(UUID ownerId);
}
