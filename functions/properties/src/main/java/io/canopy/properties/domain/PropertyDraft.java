package io.canopy.properties.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** The fields of a property as a client sends them; for a PATCH, null means "leave as it is". */
public record PropertyDraft(@Nullable String name, @Nullable String description, @Nullable String type,
                            @Nullable String city, @Nullable List<RoomDraft> rooms) {

    public boolean isEmpty() {
        return name == null && description == null && type == null && city == null;
    }
}
