package io.canopy.shared.health;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** {@code {"status": "UP"|"DOWN", "checks": {"postgres": "UP", ...}}}. */
@Serdeable
public record Health(String status, Map<String, String> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
}
