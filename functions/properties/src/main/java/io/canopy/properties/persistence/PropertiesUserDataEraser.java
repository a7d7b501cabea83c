package io.canopy.properties.persistence;

import io.canopy.properties.domain.PropertyRepository;
import io.canopy.shared.events.UserDataEraser;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's properties go; their rooms follow by ON DELETE CASCADE. */
@Singleton
class PropertiesUserDataEraser implements UserDataEraser {

    private final PropertyRepository properties;

    PropertiesUserDataEraser(PropertyRepository properties) {
        this.properties = properties;
    }

    @Override
    @Transactional
    public long eraseUserData(UUID userId) {
        return properties.deleteAllOf(userId);
    }
}
