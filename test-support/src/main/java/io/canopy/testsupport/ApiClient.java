package io.canopy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain HTTP against an API under test (a function's test server or the whole local runtime), with the bearer
 * token as an argument, and the problem+json assertion every error test makes.
 */
public final class ApiClient {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI baseUri;

    public ApiClient(URI baseUri) {
        this.baseUri = baseUri;
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, null, token);
    }

    public HttpResponse<String> postJson(String path, String body, String token) {
        return send("POST", path, body, token);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Any method; a non-null body is sent as JSON. {@code headers} are name, value pairs. */
    public HttpResponse<String> send(String method, String path, String body, String token, String... headers) {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** A request to {@code path} with the bearer token set (if any), for what the other methods do not cover. */
    public HttpRequest.Builder request(String path, String token) {
        // Appended, not resolved: a base URL with a path (an API Gateway stage, /prod) keeps it.
        String base = baseUri.toString().endsWith("/") ? baseUri.toString().substring(0, baseUri.toString().length() - 1) : baseUri.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer is an RFC 9457 problem with this status, and shows no stack trace. */
    public static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertTrue(response.body().contains("\"title\":"), response.body());
        assertFalse(response.body().contains("\tat ") || response.body().contains("at io."), response.body());
    }
}
