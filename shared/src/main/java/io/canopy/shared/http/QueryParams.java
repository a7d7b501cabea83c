package io.canopy.shared.http;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.annotation.Nullable;

/**
 * Query parameters read strictly. Micronaut's conversion reads any word but "true" as false ({@code ?active=maybe}
 * would silently filter); here only {@code true} and {@code false} are booleans, anything else is a 422.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code null} when absent; 422 on {@code name} unless exactly {@code true} or {@code false}. */
    public static @Nullable Boolean bool(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "must be true or false");
        };
    }
}
