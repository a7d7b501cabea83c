package io.canopy.shared.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for a minute, the exact tokens whose RSA signature already checked out, so a client that sends the same
 * bearer token on every request pays for the signature check once a minute instead of on each request (about a third
 * of a warm request's CPU with Lambda's C1-only JIT). Only the signature is remembered: expiry, not-before, issuer
 * and audience are still checked on every request. The key is the whole token as received, so a token that differs
 * in any byte is checked in full; only successes are remembered. A minute is also how long identity's keys are cached
 * ({@link JwksTokenKeys}), so a key taken out of the JWKS stops being accepted as soon as it would without this.
 */
final class VerifiedSignatures {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    /** Whole tokens are about 1 KB: at most ~256 KB. */
    static final int CAPACITY = 256;

    private final Clock clock;
    private final Map<String, Instant> verifiedUntil = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    VerifiedSignatures(Clock clock) {
        this.clock = clock;
    }

    /** Whether this exact token's signature checked out less than {@link #LIFETIME} ago. */
    synchronized boolean contains(String token) {
        Instant until = verifiedUntil.get(token);
        return until != null && clock.instant().isBefore(until);
    }

    /** Call only once the token's signature has checked out. */
    synchronized void remember(String token) {
        verifiedUntil.put(token, clock.instant().plus(LIFETIME));
    }

    synchronized int size() {
        return verifiedUntil.size();
    }
}
