package io.canopy.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.acceptance.Deployment.User;
import io.canopy.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static io.canopy.acceptance.Deployment.json;
import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The black-box acceptance walk through every endpoint group: the main flow of each, and who may do what. The
 * same tests run in {@code make test} against the local runtime ({@link LocalAcceptanceIT}) and against any
 * deployment with {@code make smoke BASE_URL=...} ({@link SmokeIT}). They use only HTTP and clean up after
 * themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AcceptanceSuite {

    protected Deployment deployment;
    protected ApiClient api;

    protected abstract Deployment deployment();

    @BeforeAll
    void connect() {
        deployment = deployment();
        api = deployment.api();
    }

    @AfterAll
    void cleanUp() {
        if (deployment != null) {
            deployment.deleteCreatedUsers();
        }
    }

    @Test
    void identity_registerSignInProfileAndPermissions() {
        // GIVEN a new user
        User ada = deployment.newUser("identity");

        // WHEN they read and change their profile and check a permission
        HttpResponse<String> me = api.get("/users/me", ada.token());
        HttpResponse<String> patched = api.send("PATCH", "/users/me", "{\"first_name\":\"Ada\"}", ada.token());
        HttpResponse<String> time = api.get("/auth/valid?resource=time", ada.token());
        HttpResponse<String> other = api.get("/auth/valid?resource=launch-codes", ada.token());

        // THEN their own data comes back, and permissions are what a new user gets
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(ada.email(), json(me).get("email").asText());
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Ada", json(patched).get("first_name").asText());
        assertEquals(200, time.statusCode(), time.body());
        assertProblem(other, 403);
    }

    @Test
    void identity_usersAreScopedAndAdminOnlyRoutesRefuseUsers() {
        // GIVEN two users and the admin
        User a = deployment.newUser("a");
        User b = deployment.newUser("b");
        User admin = deployment.admin();

        // WHEN each asks for A's record and for the user list
        // THEN A and the admin see A; B gets 404; only the admin lists users
        assertEquals(200, api.get("/users/" + a.id(), a.token()).statusCode());
        assertProblem(api.get("/users/" + a.id(), b.token()), 404);
        assertEquals(200, api.get("/users/" + a.id(), admin.token()).statusCode());
        assertProblem(api.get("/users", b.token()), 403);
        assertEquals(200, api.get("/users?limit=1", admin.token()).statusCode());
        assertEquals(401, api.get("/users/me", null).statusCode());
    }

    @Test
    void clock_answersTimeForTokensWithTheTimePermission() {
        // GIVEN a user (new users hold permission time)
        User user = deployment.newUser("clock");

        // WHEN they ask for the time, and someone asks without a token
        HttpResponse<String> current = api.get("/time/current", user.token());
        HttpResponse<String> epoch = api.get("/time/epoch", user.token());
        HttpResponse<String> anonymous = api.get("/time/current", null);

        // THEN the time is now, and anonymous is 401
        assertEquals(200, current.statusCode(), current.body());
        Instant now = Instant.parse(json(current).get("current_time").asText());
        assertTrue(Duration.between(now, Instant.now()).abs().toMinutes() < 5, now.toString());
        JsonNode epochTime = json(epoch).get("epoch_time");
        assertTrue(epochTime.isIntegralNumber(), epoch.body());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void health_everyGroupIsUp() {
        for (String group : Groups.ALL) {
            HttpResponse<String> health = api.get("/health/" + group, null);
            assertEquals(200, health.statusCode(), group + ": " + health.body());
            assertEquals("UP", json(health).get("status").asText(), group);
        }
    }
}
