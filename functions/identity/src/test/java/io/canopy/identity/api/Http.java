package io.canopy.identity.api;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JDK HTTP client against the function under test, with the few calls the tests repeat. */
final class Http {

    static final String PASSWORD = "correct horse battery";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final JsonMapper json;

    Http(String baseUrl, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.json = json;
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> post(String path, String body, String token) {
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> method(String method, String path, String body, String token, String... headers) {
        HttpRequest.Builder builder = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** Registers {@code email} with {@link #PASSWORD}; returns the new user's id. */
    UUID register(String email) {
        HttpResponse<String> response = post("/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(201, response.statusCode(), response.body());
        return UUID.fromString(tree(response).get("id").getStringValue());
    }

    /** Signs in and returns the whole token answer. */
    JsonNode signIn(String email, String password) {
        HttpResponse<String> response = post("/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        return tree(response);
    }

    String accessToken(String email) {
        return signIn(email, PASSWORD).get("access_token").getStringValue();
    }

    /** Registers a fresh user and returns an access token for them. */
    String newUserToken(String prefix) {
        String email = prefix + "-" + UUID.randomUUID() + "@example.com";
        register(email);
        return accessToken(email);
    }

    JsonNode tree(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertFalse(response.body().contains("password_hash"), response.body());
        assertFalse(response.body().contains("$2a$"), response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
