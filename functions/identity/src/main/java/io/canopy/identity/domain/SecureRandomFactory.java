package io.canopy.identity.domain;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;

/** One SecureRandom for refresh tokens; tests construct services with their own. (The Clock comes from shared.) */
@Factory
class SecureRandomFactory {

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
