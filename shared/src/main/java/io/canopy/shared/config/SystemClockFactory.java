package io.canopy.shared.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one {@link Clock} every function injects: system time in UTC. Tests replace it with a fixed or movable one. */
@Factory
public class SystemClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
