package io.canopy.orders.domain;

import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.UUID;

/** Orders, always within one user's partition: there is no way to reach an order without its owner's id. */
public interface OrderRepository {

    void create(Order order);

    /** A consistent read. */
    Optional<Order> find(UUID userId, UUID id);

    /** Newest first; {@code status} keeps only that status; {@code cancelled} true/false keeps only (non-)cancelled ones. */
    Page<Order> list(UUID userId, @Nullable OrderStatus status, @Nullable Boolean cancelled, PageRequest page);

    /**
     * Stores {@code changed} if the stored order still has the version and status of {@code current}.
     *
     * @return false when it did not (another request wrote first, or the order is gone)
     */
    boolean replace(Order current, Order changed);

    /** Deletes the order if it still has the version of {@code current}; false when it did not. */
    boolean delete(Order current);

    /** Deletes every order of the user; the number deleted. */
    long deleteAll(UUID userId);
}
