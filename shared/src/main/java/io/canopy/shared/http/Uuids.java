package io.canopy.shared.http;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * Ids from paths and bodies, accepted only in the canonical 36-character UUID form: {@link UUID#fromString} alone
 * would also take {@code 1-1-1-1-1}, and serde's UUID reading a one-element array.
 */
public final class Uuids {

    private Uuids() {
    }

    /** The UUID, or {@code null} unless {@code text} is one in canonical form (either case). */
    public static @Nullable UUID canonical(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A path id that is not a canonical UUID names nothing: 404 with {@code notFoundDetail}, like an unknown id. */
    public static UUID pathId(String text, String notFoundDetail) {
        UUID id = canonical(text);
        if (id == null) {
            throw ApiException.notFound(notFoundDetail);
        }
        return id;
    }

    /** A body field read as a string: {@code null} when absent, else a UUID or a 422 naming {@code field}. */
    public static @Nullable UUID field(String field, @Nullable String text) {
        if (text == null) {
            return null;
        }
        UUID id = canonical(text);
        if (id == null) {
            throw ApiException.invalid(field, "must be a UUID");
        }
        return id;
    }
}
