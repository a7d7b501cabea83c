package io.canopy.properties.persistence;

import io.canopy.properties.domain.Property;
import io.canopy.properties.domain.PropertyQuery;
import io.canopy.properties.domain.PropertyRepository;
import io.canopy.properties.domain.Room;
import io.canopy.shared.events.JdbcErasedUsers;
import io.canopy.shared.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link PropertyRepository} on PostgreSQL ({@code properties.properties} and {@code properties.rooms}). */
@Singleton
class JdbcPropertyRepository implements PropertyRepository {

    private static final String SCHEMA = "properties";
    private static final String COLUMNS = "id, owner_id, name, description, type, city, created_at, updated_at, version";
    private static final String ROOM_COLUMNS = "id, property_id, name, description, area_m2, floor, features, created_at, updated_at";

    private final Sql sql;

    JdbcPropertyRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Property> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM properties.properties WHERE id = ?", id);
    }

    @Override
    public Optional<Property> lock(UUID id) {
        return one("SELECT " + COLUMNS + " FROM properties.properties WHERE id = ? FOR UPDATE", id);
    }

    @Override
    public List<Property> list(PropertyQuery query, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        // Only the filters given go into the SQL, so each combination is a range scan of its index (see V1).
        StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM properties.properties WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (query.cityKey() != null) {
            select.append(" AND city_key = ?");
            parameters.add(query.cityKey());
        }
        if (query.type() != null) {
            select.append(" AND type = ?");
            parameters.add(query.type());
        }
        if (query.ownerId() != null) {
            select.append(" AND owner_id = ?");
            parameters.add(query.ownerId());
        }
        Sql.newestFirstPage(select, parameters, afterCreatedAt, afterId, limit);
        return sql.run(connection -> withRooms(connection, select.toString(), parameters.toArray()));
    }

    @Override
    public void insert(Property property) {
        sql.run(connection -> {
            JdbcErasedUsers.checkNotErased(connection, SCHEMA, property.ownerId());
            return Sql.update(connection, "INSERT INTO properties.properties (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    property.id(), property.ownerId(), property.name(), property.description(), property.type(),
                    property.city(), property.createdAt(), property.updatedAt(), property.version());
        });
    }

    @Override
    public void update(Property property) {
        sql.run(connection -> Sql.update(connection, "UPDATE properties.properties SET owner_id = ?, name = ?, description = ?,"
                        + " type = ?, city = ?, created_at = ?, updated_at = ?, version = ? WHERE id = ?",
                property.ownerId(), property.name(), property.description(), property.type(), property.city(),
                property.createdAt(), property.updatedAt(), property.version(), property.id()));
    }

    @Override
    public void delete(UUID id) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM properties.properties WHERE id = ?", id));
    }

    @Override
    public void insertRoom(Room room) {
        sql.run(connection -> Sql.update(connection, "INSERT INTO properties.rooms (" + ROOM_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", room.id(), room.propertyId(), room.name(),
                room.description(), room.areaM2(), room.floor(), Sql.textArray(connection, room.features()),
                room.createdAt(), room.updatedAt()));
    }

    @Override
    public void updateRoom(Room room) {
        sql.run(connection -> Sql.update(connection, "UPDATE properties.rooms SET property_id = ?, name = ?, description = ?,"
                        + " area_m2 = ?, floor = ?, features = ?, created_at = ?, updated_at = ? WHERE id = ?",
                room.propertyId(), room.name(), room.description(), room.areaM2(), room.floor(),
                Sql.textArray(connection, room.features()), room.createdAt(), room.updatedAt(), room.id()));
    }

    @Override
    public void deleteRoom(UUID roomId) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM properties.rooms WHERE id = ?", roomId));
    }

    @Override
    public long deleteAllOf(UUID ownerId) {
        return sql.run(connection -> {
            JdbcErasedUsers.mark(connection, SCHEMA, ownerId);
            return (long) Sql.update(connection, "DELETE FROM properties.properties WHERE owner_id = ?", ownerId);
        });
    }

    private Optional<Property> one(String select, UUID id) {
        return sql.run(connection -> withRooms(connection, select, id).stream().findFirst());
    }

    /** One row of {@link #withRooms}: a property, and one of its rooms or null if it has none. */
    private record PropertyRow(Property property, @Nullable Room room) {
    }

    /**
     * The properties a SELECT of {@link #COLUMNS} finds, in its order, each with its rooms (oldest first), in one
     * round trip: the select becomes a subquery joined to the rooms. A locking clause in it locks only the
     * properties' rows, as before.
     */
    private static List<Property> withRooms(Connection connection, String select, Object... parameters) throws SQLException {
        List<PropertyRow> rows = Sql.list(connection, row -> {
                    Property property = new Property(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class),
                            row.getString("name"), row.getString("description"), row.getString("type"),
                            row.getString("city"), List.of(), Sql.instant(row, "created_at"),
                            Sql.instant(row, "updated_at"), row.getLong("version"));
                    UUID roomId = row.getObject("room_id", UUID.class);
                    Room room = roomId == null ? null : new Room(roomId, property.id(), row.getString("room_name"),
                            row.getString("room_description"), row.getObject("area_m2", BigDecimal.class),
                            row.getObject("floor", Integer.class), Sql.texts(row, "features"),
                            Sql.instant(row, "room_created_at"), Sql.instant(row, "room_updated_at"));
                    return new PropertyRow(property, room);
                },
                "SELECT p.*, r.id AS room_id, r.name AS room_name, r.description AS room_description, r.area_m2,"
                        + " r.floor, r.features, r.created_at AS room_created_at, r.updated_at AS room_updated_at"
                        + " FROM (" + select + ") p LEFT JOIN properties.rooms r ON r.property_id = p.id"
                        + " ORDER BY p.created_at DESC, p.id DESC, r.created_at, r.id",
                parameters);
        Map<UUID, Property> properties = new LinkedHashMap<>();
        Map<UUID, List<Room>> rooms = new HashMap<>();
        for (PropertyRow row : rows) {
            UUID id = row.property().id();
            properties.putIfAbsent(id, row.property());
            List<Room> its = rooms.computeIfAbsent(id, any -> new ArrayList<>());
            if (row.room() != null) {
                its.add(row.room());
            }
        }
        return properties.values().stream()
                .map(property -> property.withRooms(List.copyOf(rooms.get(property.id()))))
                .toList();
    }

}
