package io.canopy.orders.integration;

import io.canopy.orders.domain.DownstreamFailure;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.UUID;

/**
 * JSON POSTs to payments and the kitchen with the caller's own {@code Authorization} header, on one JDK
 * {@link HttpClient} built at init (functions ship no Micronaut HTTP client). HTTP/1.1 (no h2c upgrade dance through
 * the gateway), 2 s to connect, {@link DownstreamSettings#downstreamTimeout()} for the whole answer.
 *
 * <p>No retries: a failure is reported at once — timeout 504; the other side said 503: 503; refused, unreachable,
 * another 5xx or an unreadable answer: 502 — and the client decides. Both calls orders makes are idempotent per order
 * on the other side, so a client that pays again is never charged twice.
 */
@Context
public class DownstreamHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DownstreamHttp.class);

    /** What came back: a 2xx with its JSON body, or a 4xx the caller may interpret. */
    public record Answer(int status, @Nullable JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration timeout;
    private final JsonMapper json;

    public DownstreamHttp(DownstreamSettings settings, JsonMapper json) {
        this.timeout = settings.downstreamTimeout();
        this.json = json;
    }

    /**
     * POSTs {@code body} (or nothing) as JSON. A 2xx answer must be a JSON object; a 4xx is returned for the caller
     * to judge; anything else, or no answer, is a {@link DownstreamFailure} naming {@code service}.
     */
    public Answer post(String service, URI url, @Nullable Object body, String authorization) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Authorization", authorization)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw failed(url, DownstreamFailure.badGateway(service, "is unreachable (no connection within " + CONNECT_TIMEOUT.toMillis() + " ms)"), e);
        } catch (HttpTimeoutException e) {
            throw failed(url, DownstreamFailure.timeout(service, timeout.toMillis()), e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw failed(url, DownstreamFailure.badGateway(service, "is unreachable"), e);
        } catch (IOException e) {
            throw failed(url, DownstreamFailure.badGateway(service, "failed (" + e.getClass().getSimpleName() + ")"), e);
        } catch (IllegalArgumentException e) {
            // a header value the JDK refuses; the token was validated, so this is not expected
            throw failed(url, DownstreamFailure.badGateway(service, "could not be called"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(url, DownstreamFailure.badGateway(service, "call was interrupted"), e);
        }
        int status = response.statusCode();
        if (status == 503) {
            throw failed(url, DownstreamFailure.unavailable(service, retryAfter(response)), null);
        }
        if (status >= 400 && status < 500) {
            LOG.info("POST {} answered {}", url.getPath(), status);
            return new Answer(status, null);
        }
        if (status < 200 || status >= 300) {
            throw failed(url, DownstreamFailure.badGateway(service, "answered " + status), null);
        }
        try {
            JsonNode answer = json.readValue(response.body(), JsonNode.class);
            if (answer == null || !answer.isObject()) {
                throw failed(url, DownstreamFailure.badGateway(service, "answered " + status + " without a JSON object"), null);
            }
            return new Answer(status, answer);
        } catch (IOException e) {
            throw failed(url, DownstreamFailure.badGateway(service, "answered " + status + " with something that is not JSON"), e);
        }
    }

    /** A UUID field of a 2xx answer, or a 502 naming the service. */
    static UUID uuid(String service, JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString()) {
            throw DownstreamFailure.badGateway(service, "answered without " + field);
        }
        try {
            return UUID.fromString(value.getStringValue());
        } catch (IllegalArgumentException e) {
            throw DownstreamFailure.badGateway(service, "answered a " + field + " that is not a UUID");
        }
    }

    /** A string field of a 2xx answer, or a 502 naming the service. */
    static String string(String service, JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString()) {
            throw DownstreamFailure.badGateway(service, "answered without " + field);
        }
        return value.getStringValue();
    }

    private static long retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER_SECONDS; // an HTTP date: not worth parsing
            }
        }).orElse(DEFAULT_RETRY_AFTER_SECONDS);
    }

    private static DownstreamFailure failed(URI url, DownstreamFailure failure, @Nullable Throwable cause) {
        // The URL is configuration (never a token); the cause tells an operator refused from reset from timed out.
        LOG.warn("POST {} failed: {} {}{}", url.getPath(), failure.status().getCode(), failure.getMessage(),
                cause == null ? "" : " (" + cause + ")");
        return failure;
    }
}
