package io.canopy.shared.paging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;
import java.util.function.Function;

/** A page of a list answer: {@code {"items": [...], "next_cursor": "..." | null}}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
