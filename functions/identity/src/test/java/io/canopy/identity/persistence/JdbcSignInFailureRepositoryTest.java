package io.canopy.identity.persistence;

import io.canopy.identity.IdentityTestSetup;
import io.canopy.identity.domain.SignInFailureRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The throttle's memory on real PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSignInFailureRepositoryTest implements TestPropertyProvider {

    @Inject
    SignInFailureRepository failures;

    @Override
    public Map<String, String> getProperties() {
        return IdentityTestSetup.properties();
    }

    @Test
    void record_forgetsOldFailuresOfEveryKey_whenAnyKeyFails() {
        // GIVEN an old failure for one address
        Instant start = Instant.parse("2026-11-22T09:00:00Z");
        failures.record("key-old", start, start.minusSeconds(900));
        assertEquals(List.of(start), failures.failuresSince("key-old", Instant.EPOCH));

        // WHEN another address fails 20 minutes later, with a 15-minute window
        Instant later = start.plusSeconds(1200);
        failures.record("key-new", later, later.minusSeconds(900));

        // THEN the first address's failure is gone too, and the new one is kept
        assertEquals(List.of(), failures.failuresSince("key-old", Instant.EPOCH));
        assertEquals(List.of(later), failures.failuresSince("key-new", Instant.EPOCH));
    }
}
