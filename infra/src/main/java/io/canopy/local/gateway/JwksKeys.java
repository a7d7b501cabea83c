package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's RSA signing keys, discovered like the HTTP API JWT authorizer does it:
 * {@code <issuer>/.well-known/openid-configuration} → {@code jwks_uri} → JWK set. Keys are cached; an unknown
 * {@code kid} triggers a refetch, at most once per {@link #REFETCH_INTERVAL}, so a flood of forged kids cannot
 * turn the gateway into a load generator for the identity function.
 */
public final class JwksKeys {

    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30); // covers a cold start of the issuer
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

    private final URI issuer;
    private final HttpClient http;
    private final Clock clock;
    private volatile Map<String, RSAKey> keys = Map.of();
    private Instant lastFetch = Instant.MIN; // guarded by this

    public JwksKeys(URI issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Optional<RSAKey> find(String kid) {
        RSAKey key = keys.get(kid);
        if (key != null) {
            return Optional.of(key);
        }
        refreshIfAllowed();
        return Optional.ofNullable(keys.get(kid));
    }

    private synchronized void refreshIfAllowed() {
        Instant now = clock.instant();
        if (lastFetch.isAfter(now.minus(REFETCH_INTERVAL))) {
            return;
        }
        lastFetch = now;
        try {
            String discovery = get(URI.create(stripSlash(issuer.toString()) + "/.well-known/openid-configuration"));
            String jwksUri = JSON.readTree(discovery).path("jwks_uri").asText("");
            if (jwksUri.isEmpty()) {
                log.warn("The issuer's openid-configuration has no jwks_uri: no token can be checked");
                return;
            }
            Map<String, RSAKey> fetched = new HashMap<>();
            for (JWK jwk : JWKSet.parse(get(URI.create(jwksUri))).getKeys()) {
                if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null) {
                    fetched.put(jwk.getKeyID(), rsa);
                }
            }
            keys = Map.copyOf(fetched);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            log.warn("Cannot load the issuer's signing keys from {}: {}", issuer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
