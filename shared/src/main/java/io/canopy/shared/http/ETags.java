package io.canopy.shared.http;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.annotation.Nullable;

/**
 * Strong ETags from a resource's version, and the {@code If-Match} check for PATCH/PUT/DELETE. A resource's
 * version is whatever changes on every write (a version column, a counter, an update timestamp).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(Object version) {
        return '"' + version.toString() + '"';
    }

    /** No {@code If-Match}: the write goes ahead. {@code *} or a matching tag: goes ahead. Otherwise 412. */
    public static void checkIfMatch(@Nullable String ifMatch, Object currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The resource has changed since it was read (If-Match does not match).");
    }
}
