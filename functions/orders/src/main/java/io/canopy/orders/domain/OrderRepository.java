package io.canopy.orders.domain;

import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.UUID;

/** Orders, always within one user's partition. */
public interface OrderRepository {

    void create(Order order);

    Optional<Order> find(UUID userId, UUID id);

    /** Newest first; {@code status} filters; {@code cancelled} true/false keeps only (non-)cancelled ones. */
    Page<Order> list(UUID userId, @Nullable String status, @Nullable Boolean cancelled, PageRequest page);

    /** Stores {@code changed} if the stored version is still {@code changed.version() - 1}. */
    boolean update(Order changed);

    /** Deletes it if its version is still the one given. */
    boolean delete(Order order);

    long deleteAll(UUID userId);
}
