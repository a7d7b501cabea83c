package io.canopy.orders.persistence;

import io.canopy.orders.domain.OrderRepository;
import io.canopy.shared.events.UserDataEraser;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's orders go. */
@Singleton
class OrdersUserDataEraser implements UserDataEraser {

    private final OrderRepository orders;

    OrdersUserDataEraser(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public long eraseUserData(UUID userId) {
        return orders.deleteAll(userId);
    }
}
