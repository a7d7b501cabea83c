package io.canopy.shared.security;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import org.reactivestreams.Publisher;

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
 * (the JWKS cache), so a key taken out of the JWKS stops being accepted as soon as it would without this.
 */
public final class VerifiedSignatures implements ReactiveJsonWebTokenSignatureValidator<SignedJWT> {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    /** Whole tokens are about 1 KB: at most ~256 KB. */
    static final int CAPACITY = 256;

    private final ReactiveJsonWebTokenSignatureValidator<SignedJWT> delegate;
    private final Clock clock;
    private final Map<String, Instant> verifiedUntil = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    public VerifiedSignatures(ReactiveJsonWebTokenSignatureValidator<SignedJWT> delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Publisher<Boolean> validateSignature(SignedJWT token) {
        String serialized = token.getParsedString();
        if (serialized == null) {
            return delegate.validateSignature(token);
        }
        Instant now = clock.instant();
        synchronized (verifiedUntil) {
            Instant until = verifiedUntil.get(serialized);
            if (until != null && now.isBefore(until)) {
                return Publishers.just(true);
            }
        }
        return Publishers.map(delegate.validateSignature(token), valid -> {
            if (Boolean.TRUE.equals(valid)) {
                synchronized (verifiedUntil) {
                    verifiedUntil.put(serialized, now.plus(LIFETIME));
                }
            }
            return valid;
        });
    }

    int size() {
        synchronized (verifiedUntil) {
            return verifiedUntil.size();
        }
    }
}
