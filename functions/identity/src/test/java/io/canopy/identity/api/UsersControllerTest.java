package io.canopy.identity.api;

import io.canopy.identity.IdentityTestSetup;
import io.canopy.identity.domain.UserDeleted;
import io.canopy.identity.domain.UserDeletionPublisher;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.canopy.identity.api.Http.PASSWORD;
import static io.canopy.identity.api.Http.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /users/* through HTTP, on a real PostgreSQL, with tokens from the real endpoints. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private Http http;
    private String adminToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(IdentityTestSetup.properties());
        properties.put("spec.name", "UsersControllerTest");
        return properties;
    }

    @BeforeAll
    void setUp() {
        http = new Http(server.getURL().toString(), json);
        http.register(IdentityTestSetup.ADMIN_EMAIL);
        adminToken = http.accessToken(IdentityTestSetup.ADMIN_EMAIL);
    }

    /**
     * Stands in for EventBridge (tested on its own in EventBridgeUserDeletionPublisherTest): records what the relay
     * publishes after the commit. Static, because the api-proxy test server runs the handler in an application
     * context of its own.
     */
    @Singleton
    @Replaces(UserDeletionPublisher.class)
    @Requires(property = "spec.name", value = "UsersControllerTest")
    static class DeletedUsers implements UserDeletionPublisher {
        static final List<UUID> IDS = new CopyOnWriteArrayList<>();

        @Override
        public void publish(UserDeleted event) {
            IDS.add(event.userId());
        }
    }

    private static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void getMe_returnsOwnAccountWithEtag_whenTokenIsValid() {
        // GIVEN a signed-in user
        String email = email("me");
        UUID id = http.register(email);
        // WHEN reading /users/me
        var response = http.get("/users/me", http.accessToken(email));
        // THEN their account, with its ETag and no hash
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(id.toString(), http.tree(response).get("id").getStringValue());
        assertEquals("\"0\"", response.headers().firstValue("ETag").orElse(""));
        assertFalse(response.body().contains("password"), response.body());
    }

    @Test
    void getMe_returns401_whenNoToken() {
        assertProblem(http.get("/users/me", null), 401);
    }

    @Test
    void patchMe_changesProfileAndEtag_whenFieldsAreValid() {
        // GIVEN a user
        String token = http.newUserToken("patch");
        // WHEN changing names and birth date with the current ETag
        var response = http.method("PATCH", "/users/me", "{\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"birth_date\":\"1906-12-09\"}",
                token, "If-Match", "\"0\"");
        // THEN the changed account with a new ETag
        assertEquals(200, response.statusCode(), response.body());
        JsonNode user = http.tree(response);
        assertEquals("Grace", user.get("first_name").getStringValue());
        assertEquals("1906-12-09", user.get("birth_date").getStringValue());
        assertEquals("\"1\"", response.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void patchMe_changesEmail_andNewEmailSignsIn() {
        // GIVEN a user
        String token = http.newUserToken("move");
        String newEmail = email("Moved");
        // WHEN changing the email (mixed case)
        var response = http.method("PATCH", "/users/me", "{\"email\":\"" + newEmail + "\"}", token);
        // THEN it is stored normalized and signs in
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(newEmail.toLowerCase(), http.tree(response).get("email").getStringValue());
        http.signIn(newEmail, PASSWORD);
    }

    @Test
    void patchMe_returns409_whenEmailBelongsToAnotherUser() {
        // GIVEN two users
        String taken = email("taken");
        http.register(taken);
        String token = http.newUserToken("thief");
        // WHEN one takes the other's email
        var response = http.method("PATCH", "/users/me", "{\"email\":\"" + taken.toUpperCase() + "\"}", token);
        // THEN 409
        assertProblem(response, 409);
    }

    @Test
    void patchMe_returns422_whenPatchIsEmptyOrInvalid() {
        String token = http.newUserToken("empty");
        assertProblem(http.method("PATCH", "/users/me", "{}", token), 422);
        assertProblem(http.method("PATCH", "/users/me", "{\"email\":\"nope\"}", token), 422);
        assertProblem(http.method("PATCH", "/users/me", "{\"first_name\":{\"a\":1}}", token), 422);
        assertProblem(http.method("PATCH", "/users/me", "[]", token), 400);
    }

    @Test
    void patchMe_returns412_whenIfMatchIsStale() {
        // GIVEN a user whose account changed since version 0 was read
        String token = http.newUserToken("stale");
        assertEquals(200, http.method("PATCH", "/users/me", "{\"first_name\":\"A\"}", token).statusCode());
        // WHEN patching with the old ETag
        var response = http.method("PATCH", "/users/me", "{\"first_name\":\"B\"}", token, "If-Match", "\"0\"");
        // THEN 412 and nothing changed
        assertProblem(response, 412);
        assertEquals("A", http.tree(http.get("/users/me", token)).get("first_name").getStringValue());
    }

    @Test
    void changePassword_returns204_andEndsOldPasswordAndRefreshTokens() {
        // GIVEN a user with a refresh token
        String email = email("pw");
        http.register(email);
        JsonNode pair = http.signIn(email, PASSWORD);
        String token = pair.get("access_token").getStringValue();
        // WHEN changing the password
        var response = http.method("PUT", "/users/me/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new secret\"}", token);
        // THEN 204; the old password and the refresh token no longer work, the new password does
        assertEquals(204, response.statusCode(), response.body());
        assertProblem(http.post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null), 401);
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token").getStringValue() + "\"}", null), 401);
        http.signIn(email, "a brand new secret");
    }

    @Test
    void changePassword_returns422OnCurrentPassword_whenItIsWrong() {
        String token = http.newUserToken("pw-wrong");
        var response = http.method("PUT", "/users/me/password",
                "{\"current_password\":\"not it at all\",\"new_password\":\"a brand new secret\"}", token);
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"current_password\""), response.body());
    }

    @Test
    void changePassword_returns422_whenNewPasswordIsTooShort() {
        String token = http.newUserToken("pw-short");
        var response = http.method("PUT", "/users/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}", token);
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"new_password\""), response.body());
    }

    @Test
    void deleteMe_returns204_andStillValidTokenGets401() {
        // GIVEN a signed-in user
        String email = email("bye");
        UUID id = http.register(email);
        JsonNode pair = http.signIn(email, PASSWORD);
        String token = pair.get("access_token").getStringValue();
        // WHEN deleting the account
        var response = http.method("DELETE", "/users/me", null, token);
        // THEN 204; the unexpired token, the refresh token and the password all stop working; the event is out
        assertEquals(204, response.statusCode(), response.body());
        assertProblem(http.get("/users/me", token), 401);
        assertProblem(http.get("/auth/valid?resource=time", token), 401);
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token").getStringValue() + "\"}", null), 401);
        assertProblem(http.post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null), 401);
        assertTrue(DeletedUsers.IDS.contains(id));
        // and the address is free again
        http.register(email);
    }

    @Test
    void getUser_returns200_forSelfAndAdmin_and404ForAnotherUser() {
        // GIVEN two users
        String email = email("owner");
        UUID owner = http.register(email);
        String ownerToken = http.accessToken(email);
        String otherToken = http.newUserToken("nosy");
        // WHEN each reads the owner's account
        var self = http.get("/users/" + owner, ownerToken);
        var other = http.get("/users/" + owner, otherToken);
        var admin = http.get("/users/" + owner, adminToken);
        // THEN self and admin see it with an ETag; the other user gets 404, like an absent user
        assertEquals(200, self.statusCode(), self.body());
        assertTrue(self.headers().firstValue("ETag").isPresent());
        assertProblem(other, 404);
        assertEquals(200, admin.statusCode(), admin.body());
        assertProblem(http.get("/users/" + UUID.randomUUID(), adminToken), 404);
        assertProblem(http.get("/users/not-a-uuid", adminToken), 422);
    }

    @Test
    void listUsers_returns403_whenCallerIsNotAdmin() {
        assertProblem(http.get("/users", http.newUserToken("plain")), 403);
    }

    @Test
    void listUsers_returnsNewestFirstInPages_whenCallerIsAdmin() {
        // GIVEN three more users
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(http.register(email("list")));
        }
        // WHEN the admin pages through with limit 2
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var response = http.get("/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), adminToken);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = http.tree(response);
            for (JsonNode item : page.get("items").values()) {
                seen.add(item.get("id").getStringValue());
            }
            JsonNode next = page.get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
            pages++;
        } while (cursor != null && pages < 100);
        // THEN the newest come first, each exactly once
        assertEquals(created.get(2).toString(), seen.get(0));
        assertEquals(created.get(1).toString(), seen.get(1));
        assertEquals(created.get(0).toString(), seen.get(2));
        assertEquals(seen.size(), seen.stream().distinct().count());
    }

    @Test
    void listUsers_returns422_whenLimitOrCursorIsInvalid() {
        assertProblem(http.get("/users?limit=0", adminToken), 422);
        assertProblem(http.get("/users?limit=abc", adminToken), 422);
        assertProblem(http.get("/users?cursor=%21%21", adminToken), 422);
    }

    @Test
    void patchUser_returns403_whenCallerIsNotAdmin() {
        String email = email("self-promote");
        UUID id = http.register(email);
        var response = http.method("PATCH", "/users/" + id, "{\"roles\":[\"user\",\"admin\"]}", http.accessToken(email));
        assertProblem(response, 403);
    }

    @Test
    void patchUser_changesAccess_andNextTokenCarriesIt_whenCallerIsAdmin() {
        // GIVEN a user
        String email = email("promote");
        UUID id = http.register(email);
        // WHEN the admin grants a permission and the admin role
        var response = http.method("PATCH", "/users/" + id, "{\"roles\":[\"user\",\"admin\"],\"permissions\":[\"time\",\"carbon\"]}",
                adminToken, "If-Match", "\"0\"");
        // THEN the user shows it and their next token holds it
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("\"1\"", response.headers().firstValue("ETag").orElse(""));
        String token = http.accessToken(email);
        assertEquals(200, http.get("/auth/valid?resource=carbon", token).statusCode());
        assertEquals(200, http.get("/users", token).statusCode());
    }

    @Test
    void patchUser_returns422_whenRoleUnknownOrPermissionInvalid() {
        UUID id = http.register(email("bad-access"));
        var role = http.method("PATCH", "/users/" + id, "{\"roles\":[\"root\"]}", adminToken);
        var permission = http.method("PATCH", "/users/" + id, "{\"permissions\":[\"" + "p".repeat(65) + "\",\" \"]}", adminToken);
        assertProblem(role, 422);
        assertTrue(role.body().contains("\"field\":\"roles[0]\""), role.body());
        assertProblem(permission, 422);
        assertTrue(permission.body().contains("\"field\":\"permissions[1]\""), permission.body());
        assertProblem(http.method("PATCH", "/users/" + id, "{}", adminToken), 422);
    }

    @Test
    void patchUser_returns412_whenIfMatchIsStale() {
        UUID id = http.register(email("race"));
        var response = http.method("PATCH", "/users/" + id, "{\"permissions\":[\"time\"]}", adminToken, "If-Match", "\"7\"");
        assertProblem(response, 412);
    }

    @Test
    void signIn_promotesConfiguredAdmin_whenRolesWereTakenAway() {
        // GIVEN the configured admin was demoted (by themselves)
        var me = http.tree(http.get("/users/me", adminToken));
        String adminId = me.get("id").getStringValue();
        assertEquals(200, http.method("PATCH", "/users/" + adminId, "{\"roles\":[\"user\"]}", adminToken).statusCode());
        assertProblem(http.get("/users", adminToken), 403);
        // WHEN they sign in again
        adminToken = http.accessToken(IdentityTestSetup.ADMIN_EMAIL);
        // THEN they are admin again
        assertEquals(200, http.get("/users", adminToken).statusCode());
    }
}
