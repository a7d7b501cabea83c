package io.canopy.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.testsupport.ApiClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A running Canopy seen from outside: its base URL, an admin account, and the users a suite creates — which it
 * deletes afterwards ({@code DELETE /users/me} erases their data in every group), so a smoke run against a real
 * deployment leaves nothing behind.
 */
public final class Deployment {

    public static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final ApiClient api;
    private final String adminEmail;
    private final String adminPassword;
    private final List<User> created = new CopyOnWriteArrayList<>();
    private User admin;

    /** A signed-in user of this deployment. */
    public record User(String id, String email, String token, String refreshToken) {
    }

    public Deployment(URI baseUri, String adminEmail, String adminPassword) {
        this.baseUri = baseUri;
        this.api = new ApiClient(baseUri);
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    public URI baseUri() {
        return baseUri;
    }

    public ApiClient api() {
        return api;
    }

    /** A fresh user with role {@code user} and permission {@code time}, signed in. */
    public User newUser() {
        return newUser("user");
    }

    public User newUser(String label) {
        String email = "smoke-" + label + "-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = api.postJson("/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(201, registered.statusCode(), registered.body());
        User user = signIn(email, PASSWORD, json(registered).get("id").asText());
        created.add(user);
        return user;
    }

    /** The deployment's admin (one of its CANOPY_ADMIN_EMAILS), registered on first use if needed. */
    public synchronized User admin() {
        if (admin == null) {
            HttpResponse<String> registered = api.postJson("/auth/register",
                    "{\"email\":\"" + adminEmail + "\",\"password\":\"" + adminPassword + "\"}", null);
            if (registered.statusCode() != 201 && registered.statusCode() != 409) {
                throw new AssertionError("cannot register the admin: " + registered.body());
            }
            User signedIn = signIn(adminEmail, adminPassword, null);
            HttpResponse<String> me = api.get("/users/me", signedIn.token());
            admin = new User(json(me).get("id").asText(), adminEmail, signedIn.token(), signedIn.refreshToken());
            if (!json(me).get("roles").toString().contains("admin")) {
                throw new AssertionError(adminEmail + " is not an admin of " + baseUri + ": list it in CANOPY_ADMIN_EMAILS");
            }
        }
        return admin;
    }

    /** Deletes every user this suite created; their data in every group goes with them. */
    public void deleteCreatedUsers() {
        for (User user : created) {
            api.send("DELETE", "/users/me", null, user.token());
        }
        created.clear();
    }

    public User signIn(String email, String password, String id) {
        HttpResponse<String> response = api.postJson("/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode pair = json(response);
        SentSecrets.remember(password);
        SentSecrets.remember(pair.get("access_token").asText());
        SentSecrets.remember(pair.get("refresh_token").asText());
        return new User(id, email, pair.get("access_token").asText(), pair.get("refresh_token").asText());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
