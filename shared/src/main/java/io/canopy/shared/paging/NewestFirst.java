package io.canopy.shared.paging;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging newest first by {@code (created_at, id)}, the list routes on PostgreSQL: where a page starts, read
 * from its cursor, and how rows fetched with {@code limit + 1} become a page and the next cursor. The SQL half is
 * {@code Sql.newestFirstPage}.
 *
 * @param createdAt null on the first page
 * @param id        null on the first page
 */
public record NewestFirst(@Nullable Instant createdAt, @Nullable UUID id) {

    public static final NewestFirst FIRST_PAGE = new NewestFirst(null, null);

    /** Where the page {@code cursor} names starts; the first page without one; 422 on {@code cursor} if it is not one. */
    public static NewestFirst after(@Nullable String cursor) {
        if (cursor == null) {
            return FIRST_PAGE;
        }
        List<String> parts = Cursors.decode(cursor, 2);
        try {
            return new NewestFirst(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Cursors.invalid();
        }
    }

    /** {@code rows}, fetched with {@code limit + 1}, cut to {@code limit}, with the next page's cursor if more were found. */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, Instant> createdAt, Function<T, UUID> id) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        T last = items.get(limit - 1);
        return new Page<>(items, Cursors.encode(createdAt.apply(last).toString(), id.apply(last).toString()));
    }
}
