package io.canopy.clock.api;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The system UTC clock; tests replace it with a fixed one. */
@Factory
class ClockConfiguration {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
