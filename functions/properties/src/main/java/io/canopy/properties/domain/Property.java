package io.canopy.properties.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A property with its rooms; {@code version} changes with every change to it or to one of its rooms. */
public record Property(UUID id, UUID ownerId, String name, String description, String type, String city,
                       List<Room> rooms, Instant createdAt, Instant updatedAt, long version) {

    public Property withRooms(List<Room> newRooms) {
        return new Property(id, ownerId, name, description, type, city, newRooms, createdAt, updatedAt, version);
    }
}
