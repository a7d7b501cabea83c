package io.canopy.identity.domain;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** The system UTC clock and one SecureRandom; tests construct services with their own. */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
