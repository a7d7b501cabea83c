package io.canopy.shared.security;

import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, for a minute, the exact tokens whose RSA signature already checked out, with their decoded claims, so a
 * client that sends the same bearer token on every request pays for decoding it and checking its signature once a
 * minute instead of on each request (the signature alone was about a third of a warm request's CPU with Lambda's
 * C1-only JIT). Only that work is saved: expiry, not-before, issuer and audience are still checked on every request.
 * The key is the whole token as received, so a token that differs in any byte is decoded and checked in full; only
 * successes are remembered. A minute is also how long identity's keys are cached ({@link JwksTokenKeys}), so a key
 * taken out of the JWKS stops being accepted as soon as it would without this.
 */
final class VerifiedSignatures {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    /** Whole tokens are about 1 KB and their claims a few hundred bytes decoded: at most ~0.5 MB. */
    static final int CAPACITY = 256;

    private record Verified(JsonNode claims, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Verified> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > CAPACITY;
        }
    };

    VerifiedSignatures(Clock clock) {
        this.clock = clock;
    }

    /** The claims of this exact token, if its signature checked out less than {@link #LIFETIME} ago. */
    synchronized Optional<JsonNode> claimsOf(String token) {
        Verified entry = verified.get(token);
        return entry != null && clock.instant().isBefore(entry.until()) ? Optional.of(entry.claims()) : Optional.empty();
    }

    /** Call only once the token's signature has checked out; {@code claims} are its decoded claims. */
    synchronized void remember(String token, JsonNode claims) {
        verified.put(token, new Verified(claims, clock.instant().plus(LIFETIME)));
    }

    synchronized int size() {
        return verified.size();
    }
}
