package io.canopy.carbon.persistence;

import io.canopy.carbon.domain.UsageRepository;
import io.canopy.shared.events.UserDataEraser;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's usages go; their types' usage counts follow. */
@Singleton
class CarbonUserDataEraser implements UserDataEraser {

    private final UsageRepository usages;

    CarbonUserDataEraser(UsageRepository usages) {
        this.usages = usages;
    }

    @Override
    public long eraseUserData(UUID userId) {
        return usages.deleteAll(userId);
    }
}
