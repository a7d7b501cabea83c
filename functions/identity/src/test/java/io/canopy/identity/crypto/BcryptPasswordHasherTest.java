package io.canopy.identity.crypto;

import io.canopy.identity.domain.IdentityProperties;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BcryptPasswordHasherTest {

    private static BcryptPasswordHasher hasher(int cost) {
        return new BcryptPasswordHasher(new IdentityProperties(cost, Duration.ofMinutes(15), Duration.ofDays(30), 5,
                Duration.ofMinutes(15), List.of()), new SecureRandom());
    }

    @Test
    void matches_isTrueOnlyForThePassword_andHashesAreSalted() {
        BcryptPasswordHasher hasher = hasher(4);
        String hash = hasher.hash("correct horse battery");
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(hasher.matches("correct horse battery", hash));
        assertFalse(hasher.matches("correct horse batterY", hash));
        assertNotEquals(hash, hasher.hash("correct horse battery"));
    }

    @Test
    void matches_tellsApartPasswordsThatDifferAfter72Bytes() {
        // GIVEN two passwords equal in their first 72 bytes (where plain bcrypt stops reading)
        String prefix = "p".repeat(72);
        String hash = hasher(4).hash(prefix + "-one");
        // THEN the other one does not match
        assertFalse(hasher(4).matches(prefix + "-two", hash));
        assertTrue(hasher(4).matches(prefix + "-one", hash));
    }

    @Test
    void dummyHash_matchesNothing_andCostsAboutAsMuchAsARealCheck() {
        // GIVEN cost 8 (about 20 ms a check: measurable, still quick)
        BcryptPasswordHasher hasher = hasher(8);
        String real = hasher.hash("correct horse battery");
        String dummy = hasher.dummyHash();
        assertTrue(dummy.startsWith("$2a$08$") && dummy.length() == 60, dummy);
        // WHEN checking a wrong password against each, several times
        long realNanos = median(() -> hasher.matches("wrong password", real));
        long dummyNanos = median(() -> assertFalse(hasher.matches("correct horse battery", dummy)));
        // THEN the times are of the same order (no fast path for unknown emails)
        double ratio = (double) dummyNanos / realNanos;
        assertTrue(ratio > 0.33 && ratio < 3, "dummy/real = " + ratio);
    }

    private static long median(Runnable check) {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            check.run();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
