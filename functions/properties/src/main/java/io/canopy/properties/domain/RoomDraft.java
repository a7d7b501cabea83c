package io.canopy.properties.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.List;

/** The fields of a room as a client sends them; for a PATCH, null means "leave as it is". */
public record RoomDraft(@Nullable String name, @Nullable String description, @Nullable BigDecimal areaM2,
                        @Nullable Integer floor, @Nullable List<String> features) {

    public boolean isEmpty() {
        return name == null && description == null && areaM2 == null && floor == null && features == null;
    }
}
