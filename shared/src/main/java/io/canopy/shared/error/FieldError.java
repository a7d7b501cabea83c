package io.canopy.shared.error;

import io.micronaut.serde.annotation.Serdeable;

/** One field-level validation failure inside a 422 problem. {@code field} uses the JSON (snake_case) name. */
@Serdeable
public record FieldError(String field, String message) {
}
