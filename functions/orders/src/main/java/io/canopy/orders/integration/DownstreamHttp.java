package io.canopy.orders.integration;

import io.canopy.orders.domain.DownstreamFailure;
import io.canopy.shared.http.PlainHttp;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * JSON POSTs to payments and the kitchen with the caller's own {@code Authorization} header, over shared
 * {@link PlainHttp} (functions ship no Micronaut HTTP client, and the JDK's {@code HttpClient} costs a cold start about
 * 1,200 classes). HTTP/1.1, no redirects, 2 s to connect, then {@link DownstreamSettings#downstreamTimeout()} at most
 * for the answer to start and for each read of it.
 *
 * <p>One retry, for one failure only, made by the JDK itself ({@link PlainHttp#post}): a connection that breaks
 * before any answer (reset, or closed). That is what a kept-alive connection looks like when the other side dropped it
 * while this Lambda environment was frozen. Both calls orders makes are idempotent per order on the other side, so
 * the retry never charges or schedules twice. Every other failure, an answer cut short included, is
 * reported at once — timeout 504; the other side said 503: 503; refused, unreachable, another 5xx or an unreadable
 * answer: 502 — and the client decides.
 */
@Context
public class DownstreamHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Payments and the kitchen answer with one small object; their own limit for bodies is 1 MiB. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DownstreamHttp.class);

    /** What came back: a 2xx with its JSON body, or a 4xx the caller may interpret. */
    public record Answer(int status, @Nullable JsonNode body) {
    }

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
        PlainHttp.Answer response;
        try {
            byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
            Map<String, String> headers = Map.of("Authorization", authorization, "Accept", "application/json",
                    "Content-Type", "application/json");
            response = PlainHttp.post(url, headers, bytes, CONNECT_TIMEOUT, timeout, MAX_ANSWER_BYTES);
        } catch (PlainHttp.ConnectFailure e) {
            String reason = e.getCause() instanceof SocketTimeoutException
                    ? "is unreachable (no connection within " + CONNECT_TIMEOUT.toMillis() + " ms)" : "is unreachable";
            throw failed(url, DownstreamFailure.badGateway(service, reason), e.getCause());
        } catch (SocketTimeoutException e) {
            throw failed(url, DownstreamFailure.timeout(service, timeout.toMillis()), e);
        } catch (IOException e) {
            throw failed(url, DownstreamFailure.badGateway(service, "failed (" + e.getClass().getSimpleName() + ")"), e);
        } catch (IllegalArgumentException e) {
            // a header value the JDK refuses; the token was validated, so this is not expected
            throw failed(url, DownstreamFailure.badGateway(service, "could not be called"), e);
        }
        int status = response.status();
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

    private static long retryAfter(PlainHttp.Answer response) {
        return response.header("Retry-After").map(value -> {
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
