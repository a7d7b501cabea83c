package io.canopy.shared.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.canopy.shared.http.PlainHttp;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Identity's signing keys, read from its JWKS ({@code canopy.jwks-url}, set from {@code CANOPY_JWKS_URL}) over
 * {@link PlainHttp}. The key set is kept for {@link #LIFETIME}, so a key identity takes out of its JWKS stops being
 * accepted within a minute. An unknown {@code kid} fetches the set again, but no fetch starts within
 * {@link #RETRY_INTERVAL} of the previous good one: tokens with made-up key ids cannot turn a function into a load
 * generator against identity. When a fetch fails, the keys of the last good fetch stay in use (a short identity
 * outage does not log everyone out), the failure is logged, and the next try waits {@link #RETRY_AFTER_FAILURE}.
 */
@Singleton
public class JwksTokenKeys implements TokenKeys {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);
    /** After a failed fetch the next request may try again sooner: identity may just have been starting. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /** Covers a cold start of identity behind the gateway (the function's own timeout is 30 s). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Identity's JWKS holds one or two keys (under 2 KB). */
    private static final int MAX_JWKS_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JwksTokenKeys.class);

    private record KeySet(Map<String, RSAPublicKey> keys, Instant fetchedAt) {

        boolean freshAt(Instant now) {
            return now.isBefore(fetchedAt.plus(LIFETIME));
        }
    }

    private final URI url;
    private final Clock clock;
    private volatile KeySet keySet = new KeySet(Map.of(), Instant.MIN);
    private Instant nextAttempt = Instant.MIN; // guarded by this

    @Inject
    public JwksTokenKeys(@Value("${canopy.jwks-url}") String url) {
        this(url, Clock.systemUTC());
    }

    /** The clock of the key set's lifetime: the system's (see {@link BearerTokens}), or a test's. */
    JwksTokenKeys(String url, Clock clock) {
        this.url = URI.create(url);
        this.clock = clock;
    }

    @Override
    public Optional<RSAPublicKey> find(String keyId) {
        Instant now = clock.instant();
        KeySet current = keySet;
        if (!current.freshAt(now) || !current.keys().containsKey(keyId)) {
            refresh(keyId, now);
            current = keySet;
        }
        return Optional.ofNullable(current.keys().get(keyId));
    }

    private synchronized void refresh(String keyId, Instant now) {
        KeySet current = keySet;
        if (current.freshAt(now) && current.keys().containsKey(keyId)) {
            return; // another request refreshed it meanwhile
        }
        if (now.isBefore(nextAttempt)) {
            return;
        }
        nextAttempt = now.plus(RETRY_AFTER_FAILURE);
        try {
            keySet = new KeySet(fetch(), now);
            nextAttempt = now.plus(RETRY_INTERVAL);
        } catch (IOException | ParseException | JOSEException | IllegalArgumentException e) {
            LOG.warn("Cannot read the signing keys from {}: {}; {} known key(s) stay in use", url, e.getMessage(),
                    current.keys().size());
        }
    }

    private Map<String, RSAPublicKey> fetch() throws IOException, ParseException, JOSEException {
        PlainHttp.Answer answer = PlainHttp.get(url, Map.of("Accept", "application/json"), TIMEOUT, MAX_JWKS_BYTES);
        if (answer.status() != 200) {
            throw new IOException("it answered " + answer.status());
        }
        Map<String, RSAPublicKey> keys = new HashMap<>();
        for (JWK jwk : JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8)).getKeys()) {
            if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null && !KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
                keys.put(jwk.getKeyID(), rsa.toRSAPublicKey());
            }
        }
        return Map.copyOf(keys);
    }
}
