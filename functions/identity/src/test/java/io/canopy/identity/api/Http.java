package io.canopy.identity.api;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import io.canopy.testsupport.ApiClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The function under test over HTTP ({@link ApiClient}), plus the identity steps the tests repeat. */
final class Http {

    static final String PASSWORD = "correct horse battery";

    private final ApiClient api;
    private final JsonMapper json;

    Http(String baseUrl, JsonMapper json) {
        this.api = new ApiClient(URI.create(baseUrl));
        this.json = json;
    }

    HttpResponse<String> get(String path, String token) {
        return api.get(path, token);
    }

    HttpResponse<String> post(String path, String body, String token) {
        return api.postJson(path, body, token);
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return api.postForm(path, fields);
    }

    HttpResponse<String> method(String method, String path, String body, String token, String... headers) {
        return api.send(method, path, body, token, headers);
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

    /** A problem answer that also leaks no password hash. */
    static void assertProblem(HttpResponse<String> response, int status) {
        ApiClient.assertProblem(response, status);
        assertFalse(response.body().contains("password_hash"), response.body());
        assertFalse(response.body().contains("$2a$"), response.body());
    }
}
