package io.canopy.shared.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.util.List;

/** Builds {@link Problem}s. With type {@code about:blank} the title is the status' reason phrase (RFC 9457 §4.2.1). */
public final class Problems {

    private Problems() {
    }

    public static Problem of(HttpStatus status, @Nullable String detail, @Nullable List<FieldError> errors) {
        return new Problem("about:blank", title(status), status.getCode(), detail,
                errors == null || errors.isEmpty() ? null : errors);
    }

    static String title(HttpStatus status) {
        return switch (status) {
            // Micronaut's reason phrases for these predate RFC 9110's names.
            case REQUEST_ENTITY_TOO_LARGE -> "Content Too Large";
            case UNPROCESSABLE_ENTITY -> "Unprocessable Content";
            default -> status.getReason();
        };
    }
}
