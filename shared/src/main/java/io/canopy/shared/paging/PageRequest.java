package io.canopy.shared.paging;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.annotation.Nullable;

/** {@code limit} (1..100, default 20) and the opaque {@code cursor} of a list request, checked. */
public record PageRequest(int limit, @Nullable String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor == null || cursor.isBlank() ? null : cursor);
    }
}
