package io.canopy.carbon.domain;

import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Usages, always within one user's partition: there is no way to reach another user's usage. */
public interface UsageRepository {

    /** Stores a new usage, counting it on its type in the same transaction; false when the type does not exist. */
    boolean create(Usage usage);

    Optional<Usage> find(UUID userId, UUID id);

    /** Newest {@code usage_at} first. */
    Page<Usage> list(UUID userId, UsageQuery query, PageRequest page);

    /** Every usage of the user in the query's range, oldest page first; for totals. */
    void forEach(UUID userId, UsageQuery query, Consumer<Usage> consumer);

    /**
     * Replaces the usage if its stored version is still {@code expectedVersion}, moving its count from the old type
     * to the new one. Throws {@link StaleUsageException} when the version moved on, or {@link UnknownUsageTypeException}
     * when the new type is gone.
     */
    void update(Usage before, Usage after);

    /** Deletes the usage if its version is still the one given; false when it changed or is gone. */
    boolean delete(Usage usage);

    /** Deletes every usage of the user; returns how many. */
    long deleteAll(UUID userId);
}
