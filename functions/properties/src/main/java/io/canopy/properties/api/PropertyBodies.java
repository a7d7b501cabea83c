package io.canopy.properties.api;

import io.canopy.properties.domain.Property;
import io.canopy.properties.domain.PropertyDraft;
import io.canopy.properties.domain.PropertyType;
import io.canopy.properties.domain.Room;
import io.canopy.properties.domain.RoomDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the properties group (snake_case on the wire). */
final class PropertyBodies {

    private PropertyBodies() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyType")
    record TypeBody(@Schema(example = "house") String slug, @Schema(example = "House") String name) {
        static TypeBody of(PropertyType type) {
            return new TypeBody(type.slug(), type.name());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyTypeName")
    record TypeName(String name) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyTypeList")
    record TypeList(List<TypeBody> items) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyRoomInput", description = "name 1..255; description ..5000; area_m2 > 0 with at most 2 decimals;"
            + " floor -10..300 (0 = ground floor); features: at most 20, each 1..50 characters")
    record RoomInput(@Nullable String name, @Nullable String description, @Nullable BigDecimal areaM2,
                     @Nullable Integer floor, @Nullable List<String> features) {
        RoomDraft toDraft() {
            return new RoomDraft(name, description, areaM2, floor, features);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyInput", description = "name 1..255; description ..5000; type: a property type slug; city 1..255;"
            + " rooms: at most 100")
    record PropertyInput(@Nullable String name, @Nullable String description, @Nullable String type,
                         @Nullable String city, @Nullable List<RoomInput> rooms) {
        PropertyDraft toDraft() {
            return new PropertyDraft(name, description, type, city, rooms == null ? null : rooms.stream().map(room -> room == null ? null : room.toDraft()).toList());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyPatch", description = "The fields to change; at least one")
    record PropertyPatch(@Nullable String name, @Nullable String description, @Nullable String type, @Nullable String city) {
        PropertyDraft toDraft() {
            return new PropertyDraft(name, description, type, city, null);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyRoom")
    record RoomBody(UUID id, String name, @Nullable String description, @Nullable BigDecimal areaM2,
                    @Nullable Integer floor, List<String> features) {
        static RoomBody of(Room room) {
            return new RoomBody(room.id(), room.name(), room.description(), room.areaM2(), room.floor(), room.features());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Property")
    record PropertyBody(UUID id, String name, String description, String type, String city, UUID ownerId,
                        List<RoomBody> rooms, Instant createdAt, Instant updatedAt) {
        static PropertyBody of(Property property) {
            return new PropertyBody(property.id(), property.name(), property.description(), property.type(), property.city(),
                    property.ownerId(), property.rooms().stream().map(RoomBody::of).toList(), property.createdAt(), property.updatedAt());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "PropertyPage")
    record PropertyPage(List<PropertyBody> items, @Nullable String nextCursor) {
    }
}
