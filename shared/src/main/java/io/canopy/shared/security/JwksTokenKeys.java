package io.canopy.shared.security;

import io.canopy.shared.http.PlainHttp;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.canopy.shared.security.JsonFields.text;

/**
 * Identity's signing keys, read from its JWKS ({@code canopy.jwks-url}, set from {@code CANOPY_JWKS_URL}) over
 * {@link PlainHttp}. The key set is kept for {@link #LIFETIME}, so a key identity takes out of its JWKS stops being
 * accepted within a minute. An unknown {@code kid} fetches the set again, but no fetch starts within
 * {@link #RETRY_INTERVAL} of the previous good one: tokens with made-up key ids cannot turn a function into a load
 * generator against identity. When a fetch fails, the keys of the last good fetch stay in use (a short identity
 * outage does not log everyone out), the failure is logged, and the next try waits {@link #RETRY_AFTER_FAILURE}.
 *
 * <p>Of the set (RFC 7517) only RSA keys with a {@code kid} and not marked {@code use: enc} are kept; a set that is
 * not JSON, or an RSA key without a valid modulus and exponent, fails the whole fetch.
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
    private final JsonMapper json;
    private final Clock clock;
    private volatile KeySet keySet = new KeySet(Map.of(), Instant.MIN);
    private Instant nextAttempt = Instant.MIN; // guarded by this

    @Inject
    public JwksTokenKeys(@Value("${canopy.jwks-url}") String url, JsonMapper json) {
        this(url, json, Clock.systemUTC());
    }

    /** The clock of the key set's lifetime: the system's (see {@link BearerTokens}), or a test's. */
    JwksTokenKeys(String url, JsonMapper json, Clock clock) {
        this.url = URI.create(url);
        this.json = json;
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
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.warn("Cannot read the signing keys from {}: {}; {} known key(s) stay in use", url, e.getMessage(),
                    current.keys().size());
        }
    }

    private Map<String, RSAPublicKey> fetch() throws IOException, GeneralSecurityException {
        PlainHttp.Answer answer = PlainHttp.get(url, Map.of("Accept", "application/json"), TIMEOUT, MAX_JWKS_BYTES);
        if (answer.status() != 200) {
            throw new IOException("it answered " + answer.status());
        }
        JsonNode set = json.readValue(answer.body(), JsonNode.class);
        JsonNode list = set == null || !set.isObject() ? null : set.get("keys");
        if (list == null || !list.isArray()) {
            throw new IOException("its answer is not a JWK set");
        }
        Map<String, RSAPublicKey> keys = new HashMap<>();
        for (JsonNode jwk : list.values()) {
            if (!jwk.isObject()) {
                throw new IOException("its answer is not a JWK set");
            }
            String keyId = text(jwk, "kid");
            if ("RSA".equals(text(jwk, "kty")) && keyId != null && !"enc".equals(text(jwk, "use"))) {
                keys.put(keyId, rsaPublicKey(jwk));
            }
        }
        return Map.copyOf(keys);
    }

    private static RSAPublicKey rsaPublicKey(JsonNode jwk) throws IOException, GeneralSecurityException {
        String modulus = text(jwk, "n");
        String exponent = text(jwk, "e");
        if (modulus == null || exponent == null) {
            throw new IOException("its RSA key " + text(jwk, "kid") + " has no modulus or exponent");
        }
        Base64.Decoder base64url = Base64.getUrlDecoder();
        RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, base64url.decode(modulus)),
                new BigInteger(1, base64url.decode(exponent)));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
    }
}
