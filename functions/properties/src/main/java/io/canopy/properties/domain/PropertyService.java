package io.canopy.properties.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.NewestFirst;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Anyone browses properties; only the owner (or an admin) changes one: another user gets 403, an absent property
 * or room 404. Every write locks the property row first, so concurrent writers take turns and each one's change is
 * applied to the latest state — none is lost — and bumps the property's version (its ETag), which {@code If-Match}
 * checks.
 */
@Singleton
public class PropertyService {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 5000;
    static final int MAX_ROOMS = 100;
    static final int MAX_FEATURES = 20;
    static final int MAX_FEATURE = 50;
    static final BigDecimal MAX_AREA = new BigDecimal("1000000");
    static final int MIN_FLOOR = -10;
    static final int MAX_FLOOR = 300;
    static final String NOT_FOUND = "No such property.";

    private final PropertyRepository properties;
    private final PropertyTypeRepository types;
    private final Clock clock;

    public PropertyService(PropertyRepository properties, PropertyTypeRepository types, Clock clock) {
        this.properties = properties;
        this.types = types;
        this.clock = clock;
    }

    // Reads run without a transaction: under READ COMMITTED each statement sees its own snapshot, inside a
    // transaction or not, so one would only add a COMMIT round trip to the database (through RDS Proxy) and its
    // interceptor.
    public Property get(UUID id) {
        return properties.find(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    public Page<Property> list(@Nullable String city, @Nullable String type, @Nullable UUID ownerId, PageRequest page) {
        String cityKey = city == null ? null : city.strip().toLowerCase(Locale.ROOT);
        NewestFirst after = NewestFirst.after(page.cursor());
        List<Property> found = properties.list(new PropertyQuery(cityKey, type, ownerId), after.createdAt(), after.id(),
                page.limit() + 1);
        return NewestFirst.page(found, page.limit(), Property::createdAt, Property::id);
    }

    @Transactional
    public Property create(Caller caller, PropertyDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "name", draft.name(), MAX_NAME);
        requireText(errors, "type", draft.type(), MAX_NAME);
        requireText(errors, "city", draft.city(), MAX_NAME);
        optionalText(errors, "description", draft.description(), MAX_DESCRIPTION);
        List<RoomDraft> roomDrafts = draft.rooms() == null ? List.of() : draft.rooms();
        if (roomDrafts.size() > MAX_ROOMS) {
            errors.add(new FieldError("rooms", "at most " + MAX_ROOMS + " rooms"));
        }
        for (int i = 0; i < roomDrafts.size() && i < MAX_ROOMS; i++) {
            if (roomDrafts.get(i) == null) {
                errors.add(new FieldError("rooms[" + i + "]", "must be a room object"));
            } else {
                validateRoom(errors, "rooms[" + i + "].", roomDrafts.get(i), true);
            }
        }
        failOn(errors);
        requireType(draft.type());
        Instant now = now();
        UUID id = UUID.randomUUID();
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < roomDrafts.size(); i++) {
            // Distinct creation times keep the given order when rooms are read back in creation order.
            rooms.add(newRoom(id, roomDrafts.get(i), now.plus(i, ChronoUnit.MICROS)));
        }
        Property property = new Property(id, caller.id(), draft.name(), draft.description() == null ? "" : draft.description(),
                draft.type(), draft.city(), rooms, now, now, 1);
        properties.insert(property);
        rooms.forEach(properties::insertRoom);
        return property;
    }

    @Transactional
    public Property update(Caller caller, UUID id, PropertyDraft changes, @Nullable String ifMatch) {
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "names no field to change");
        }
        List<FieldError> errors = new ArrayList<>();
        if (changes.name() != null) {
            requireText(errors, "name", changes.name(), MAX_NAME);
        }
        if (changes.type() != null) {
            requireText(errors, "type", changes.type(), MAX_NAME);
        }
        if (changes.city() != null) {
            requireText(errors, "city", changes.city(), MAX_NAME);
        }
        optionalText(errors, "description", changes.description(), MAX_DESCRIPTION);
        failOn(errors);
        Property current = lockForChange(caller, id, ifMatch);
        if (changes.type() != null) {
            requireType(changes.type());
        }
        Property changed = new Property(id, current.ownerId(),
                changes.name() == null ? current.name() : changes.name(),
                changes.description() == null ? current.description() : changes.description(),
                changes.type() == null ? current.type() : changes.type(),
                changes.city() == null ? current.city() : changes.city(),
                current.rooms(), current.createdAt(), now(), current.version() + 1);
        properties.update(changed);
        return changed;
    }

    @Transactional
    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        lockForChange(caller, id, ifMatch);
        properties.delete(id);
    }

    @Transactional
    public Room addRoom(Caller caller, UUID propertyId, RoomDraft draft, @Nullable String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        validateRoom(errors, "", draft, true);
        failOn(errors);
        Property property = lockForChange(caller, propertyId, ifMatch);
        if (property.rooms().size() >= MAX_ROOMS) {
            throw ApiException.conflict("A property has at most " + MAX_ROOMS + " rooms.");
        }
        Room room = newRoom(propertyId, draft, now());
        properties.insertRoom(room);
        touch(property);
        return room;
    }

    @Transactional
    public Room updateRoom(Caller caller, UUID propertyId, UUID roomId, RoomDraft changes, @Nullable String ifMatch) {
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "names no field to change");
        }
        List<FieldError> errors = new ArrayList<>();
        validateRoom(errors, "", changes, false);
        failOn(errors);
        Property property = lockForChange(caller, propertyId, ifMatch);
        Room room = roomOf(property, roomId);
        Room changed = new Room(room.id(), propertyId,
                changes.name() == null ? room.name() : changes.name(),
                changes.description() == null ? room.description() : changes.description(),
                changes.areaM2() == null ? room.areaM2() : changes.areaM2(),
                changes.floor() == null ? room.floor() : changes.floor(),
                changes.features() == null ? room.features() : List.copyOf(changes.features()),
                room.createdAt(), now());
        properties.updateRoom(changed);
        touch(property);
        return changed;
    }

    @Transactional
    public void deleteRoom(Caller caller, UUID propertyId, UUID roomId, @Nullable String ifMatch) {
        Property property = lockForChange(caller, propertyId, ifMatch);
        roomOf(property, roomId);
        properties.deleteRoom(roomId);
        touch(property);
    }

    /** Locks the property, then: absent → 404, not the caller's (nor an admin's) → 403, stale If-Match → 412. */
    private Property lockForChange(Caller caller, UUID id, @Nullable String ifMatch) {
        Property property = properties.lock(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        if (!caller.id().equals(property.ownerId()) && !caller.isAdmin()) {
            throw ApiException.forbidden("Only the owner of this property may change it.");
        }
        ETags.checkIfMatch(ifMatch, property.version());
        return property;
    }

    private static Room roomOf(Property property, UUID roomId) {
        return property.rooms().stream().filter(room -> room.id().equals(roomId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No such room in this property."));
    }

    private void touch(Property property) {
        properties.update(new Property(property.id(), property.ownerId(), property.name(), property.description(),
                property.type(), property.city(), property.rooms(), property.createdAt(), now(), property.version() + 1));
    }

    private Room newRoom(UUID propertyId, RoomDraft draft, Instant now) {
        return new Room(UUID.randomUUID(), propertyId, draft.name(), draft.description(), draft.areaM2(), draft.floor(),
                draft.features() == null ? List.of() : List.copyOf(draft.features()), now, now);
    }

    private void requireType(String slug) {
        if (types.find(slug).isEmpty()) {
            throw ApiException.invalid("type", "is not a known property type");
        }
    }

    private static void validateRoom(List<FieldError> errors, String prefix, RoomDraft room, boolean nameRequired) {
        if (nameRequired || room.name() != null) {
            requireText(errors, prefix + "name", room.name(), MAX_NAME);
        }
        optionalText(errors, prefix + "description", room.description(), MAX_DESCRIPTION);
        if (room.areaM2() != null) {
            if (room.areaM2().signum() <= 0 || room.areaM2().compareTo(MAX_AREA) > 0) {
                errors.add(new FieldError(prefix + "area_m2", "must be more than 0 and at most " + MAX_AREA.toPlainString()));
            } else if (room.areaM2().stripTrailingZeros().scale() > 2) {
                errors.add(new FieldError(prefix + "area_m2", "must have at most two decimals"));
            }
        }
        if (room.floor() != null && (room.floor() < MIN_FLOOR || room.floor() > MAX_FLOOR)) {
            errors.add(new FieldError(prefix + "floor", "must be between " + MIN_FLOOR + " and " + MAX_FLOOR));
        }
        if (room.features() != null) {
            if (room.features().size() > MAX_FEATURES) {
                errors.add(new FieldError(prefix + "features", "at most " + MAX_FEATURES + " features"));
            } else if (room.features().stream().anyMatch(f -> f == null || f.isBlank() || f.length() > MAX_FEATURE)) {
                errors.add(new FieldError(prefix + "features", "each feature is 1 to " + MAX_FEATURE + " characters"));
            }
        }
    }

    private static void requireText(List<FieldError> errors, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void optionalText(List<FieldError> errors, String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
