package io.canopy.shared.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** {@code {"status": "UP"|"DOWN", "checks": {"postgres": "UP", ...}}}. */
@Serdeable
public record Health(String status, @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
}
