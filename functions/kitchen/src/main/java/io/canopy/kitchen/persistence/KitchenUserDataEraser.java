package io.canopy.kitchen.persistence;

import io.canopy.kitchen.domain.ScheduleRepository;
import io.canopy.shared.events.UserDataEraser;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's schedules go. */
@Singleton
class KitchenUserDataEraser implements UserDataEraser {

    private final ScheduleRepository schedules;

    KitchenUserDataEraser(ScheduleRepository schedules) {
        this.schedules = schedules;
    }

    @Override
    public long eraseUserData(UUID userId) {
        return schedules.deleteAll(userId);
    }
}
