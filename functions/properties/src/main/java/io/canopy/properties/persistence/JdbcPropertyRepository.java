package io.canopy.properties.persistence;

import io.canopy.properties.domain.Property;
import io.canopy.properties.domain.PropertyQuery;
import io.canopy.properties.domain.PropertyRepository;
import io.canopy.properties.domain.Room;
import io.micronaut.core.annotation.Nullable;
import io.canopy.shared.events.JdbcErasedUsers;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    private final PropertyRows rows;
    private final RoomRows rooms;
    private final JdbcOperations jdbc;

    JdbcPropertyRepository(PropertyRows rows, RoomRows rooms, JdbcOperations jdbc) {
        this.rows = rows;
        this.rooms = rooms;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Property> find(UUID id) {
        return rows.findById(id).map(row -> withRooms(List.of(row)).get(0));
    }

    @Override
    public Optional<Property> lock(UUID id) {
        return rows.findForUpdate(id).map(row -> withRooms(List.of(row)).get(0));
    }

    @Override
    public List<Property> list(PropertyQuery query, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        // Only the filters given go into the SQL, so each combination is a range scan of its index (see V1).
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM properties.properties WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (query.cityKey() != null) {
            sql.append(" AND city_key = ?");
            parameters.add(query.cityKey());
        }
        if (query.type() != null) {
            sql.append(" AND type = ?");
            parameters.add(query.type());
        }
        if (query.ownerId() != null) {
            sql.append(" AND owner_id = ?");
            parameters.add(query.ownerId());
        }
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            parameters.add(Timestamp.from(afterCreatedAt));
            parameters.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        List<PropertyRow> found = jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return read(statement);
        });
        return withRooms(found);
    }

    @Override
    public void insert(Property property) {
        jdbc.execute(connection -> {
            JdbcErasedUsers.checkNotErased(connection, SCHEMA, property.ownerId());
            return null;
        });
        rows.save(toRow(property));
    }

    @Override
    public void update(Property property) {
        rows.update(toRow(property));
    }

    @Override
    public void delete(UUID id) {
        rows.deleteById(id);
    }

    @Override
    public void insertRoom(Room room) {
        rooms.save(toRow(room));
    }

    @Override
    public void updateRoom(Room room) {
        rooms.update(toRow(room));
    }

    @Override
    public void deleteRoom(UUID roomId) {
        rooms.deleteById(roomId);
    }

    @Override
    public long deleteAllOf(UUID ownerId) {
        jdbc.execute(connection -> {
            JdbcErasedUsers.mark(connection, SCHEMA, ownerId);
            return null;
        });
        return rows.deleteByOwnerId(ownerId);
    }

    private static List<PropertyRow> read(PreparedStatement statement) throws SQLException {
        List<PropertyRow> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(new PropertyRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                        rs.getString("name"), rs.getString("description"), rs.getString("type"), rs.getString("city"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version")));
            }
        }
        return result;
    }

    /** One query for the rooms of all the given properties. */
    private List<Property> withRooms(List<PropertyRow> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Room>> byProperty = new LinkedHashMap<>();
        found.forEach(row -> byProperty.put(row.id(), new ArrayList<>()));
        for (RoomRow room : rooms.findOfProperties(byProperty.keySet())) {
            byProperty.get(room.propertyId()).add(new Room(room.id(), room.propertyId(), room.name(), room.description(),
                    room.areaM2(), room.floor(), Arrays.asList(room.features()), room.createdAt(), room.updatedAt()));
        }
        return found.stream().map(row -> new Property(row.id(), row.ownerId(), row.name(), row.description(), row.type(),
                row.city(), List.copyOf(byProperty.get(row.id())), row.createdAt(), row.updatedAt(), row.version())).toList();
    }

    private static PropertyRow toRow(Property property) {
        return new PropertyRow(property.id(), property.ownerId(), property.name(), property.description(), property.type(),
                property.city(), property.createdAt(), property.updatedAt(), property.version());
    }

    private static RoomRow toRow(Room room) {
        return new RoomRow(room.id(), room.propertyId(), room.name(), room.description(), room.areaM2(), room.floor(),
                room.features().toArray(String[]::new), room.createdAt(), room.updatedAt());
    }
}
