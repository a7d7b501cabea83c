package io.canopy.shared.security;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches identity's JWKS with the JDK's HTTP client, with timeouts. Functions carry no Micronaut HTTP client
 * (micronaut-security's default JWKS client needs one and fails at startup without it), and the fallback
 * resource retriever waits forever on a stuck connection.
 */
@Singleton
@Primary
@Replaces(ResourceRetrieverJwksClient.class)
public class JdkJwksClient implements JwksClient {

    private static final Logger LOG = LoggerFactory.getLogger(JdkJwksClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public Publisher<String> load(String providerName, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Publishers.just(response.body());
            }
            LOG.warn("JWKS {} answered {}", url, response.statusCode());
        } catch (IOException e) {
            LOG.warn("JWKS {} unreachable: {}", url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Publishers.empty();
    }
}
