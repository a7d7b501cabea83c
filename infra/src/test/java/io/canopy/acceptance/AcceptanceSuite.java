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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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
    void carbon_recordListSummarizeAndKeepUsagesPrivate() {
        // GIVEN two users and the seeded usage types
        User alice = deployment.newUser("carbon-a");
        User bob = deployment.newUser("carbon-b");
        assertTrue(api.get("/usage-types", null).body().contains("\"id\":100"));

        // WHEN Alice records two usages
        HttpResponse<String> electricity = api.postJson("/usages", "{\"amount\":10,\"usage_type_id\":100}", alice.token());
        HttpResponse<String> water = api.postJson("/usages", "{\"amount\":2,\"usage_type_id\":101}", alice.token());
        String id = json(electricity).get("id").asText();

        // THEN they are listed and summed for her, and invisible to Bob
        assertEquals(201, electricity.statusCode(), electricity.body());
        assertEquals(201, water.statusCode(), water.body());
        assertEquals(2, json(api.get("/usages", alice.token())).get("items").size());
        assertEquals("68.86", json(api.get("/usages/summary", alice.token())).get("total_co2e_kg").asText());
        assertProblem(api.get("/usages/" + id, bob.token()), 404);
        assertProblem(api.send("DELETE", "/usages/" + id, null, bob.token()), 404);
        assertEquals(0, json(api.get("/usages", bob.token())).get("items").size());
        assertProblem(api.postJson("/usage-types", "{\"id\":999,\"name\":\"x\",\"unit\":\"y\",\"factor\":1}", bob.token()), 403);
    }

    @Test
    void properties_listBrowseByCityAndOnlyTheOwnerEdits() {
        // GIVEN an owner and a stranger
        User owner = deployment.newUser("owner");
        User stranger = deployment.newUser("stranger");
        String city = "Smoketown-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        // WHEN the owner lists a flat with a room
        HttpResponse<String> created = api.postJson("/properties", "{\"name\":\"Flat\",\"type\":\"apartment\",\"city\":\"" + city
                + "\",\"rooms\":[{\"name\":\"Living\",\"area_m2\":31.5}]}", owner.token());
        String id = json(created).get("id").asText();

        // THEN anyone finds it by city, whatever the case; only the owner changes it
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, json(api.get("/properties?city=" + city.toUpperCase(), null)).get("items").size());
        assertEquals(200, api.get("/properties/" + id, null).statusCode());
        assertProblem(api.send("PATCH", "/properties/" + id, "{\"name\":\"Mine now\"}", stranger.token()), 403);
        assertEquals(200, api.send("PATCH", "/properties/" + id, "{\"name\":\"Renamed\"}", owner.token()).statusCode());
        assertEquals(204, api.send("DELETE", "/properties/" + id, null, owner.token()).statusCode());
    }

    @Test
    void certificates_storeAndReadBackAPrivateKey_onlyForTheOwner() {
        // GIVEN a user and a stranger
        User owner = deployment.newUser("cert-owner");
        User stranger = deployment.newUser("cert-stranger");
        String key = java.util.Base64.getEncoder().encodeToString(("smoke key " + java.util.UUID.randomUUID()).getBytes());
        SentSecrets.remember(key);

        // WHEN the owner stores a certificate
        HttpResponse<String> created = api.postJson("/users/me/certificates",
                "{\"private_key\":\"" + key + "\",\"body\":\"-----BEGIN CERTIFICATE-----\",\"active\":true}", owner.token());
        String path = "/users/" + owner.id() + "/certificates/" + json(created).get("id").asText();

        // THEN only the owner lists it and reads the key back; the stranger sees nothing
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(!created.body().contains(key), created.body());
        assertEquals(1, json(api.get("/users/me/certificates?active=true", owner.token())).get("items").size());
        assertEquals(key, json(api.get(path + "/private-key", owner.token())).get("private_key").asText());
        assertProblem(api.get(path + "/private-key", stranger.token()), 404);
        assertProblem(api.get("/users/" + owner.id() + "/certificates", stranger.token()), 404);
        assertEquals(204, api.send("DELETE", path, null, owner.token()).statusCode());
    }

    @Test
    void orders_payThroughPaymentsAndKitchen_thenCancel() {
        // GIVEN a user with an order
        User user = deployment.newUser("coffee");
        HttpResponse<String> created = api.postJson("/orders", "{\"order\":[{\"product\":\"flat white\",\"size\":\"small\",\"quantity\":2}]}",
                user.token());
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("id").asText();

        // WHEN they pay (orders → payments → kitchen, all through the gateway)
        HttpResponse<String> paid = api.postJson("/orders/" + id + "/pay", null, user.token());

        // THEN the order is in progress, with a payment of theirs and a kitchen schedule of theirs
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("progress", json(paid).get("status").asText());
        String paymentId = json(paid).get("payment_id").asText();
        String scheduleId = json(paid).get("schedule_id").asText();
        assertEquals("paid", json(api.get("/payments/" + paymentId, user.token())).get("status").asText());
        assertEquals("pending", json(api.get("/kitchen/schedules/" + scheduleId + "/status", user.token())).get("status").asText());

        // WHEN they pay again and then cancel / THEN the second pay changes nothing, and cancel reaches the kitchen
        assertProblem(api.postJson("/orders/" + id + "/pay", null, user.token()), 409);
        HttpResponse<String> cancelled = api.postJson("/orders/" + id + "/cancel", null, user.token());
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", json(api.get("/kitchen/schedules/" + scheduleId + "/status", user.token())).get("status").asText());
        assertProblem(api.get("/orders/" + id, deployment.newUser("nosy").token()), 404);
    }

    @Test
    void orders_declinedPayment_leavesTheOrderCreated() {
        User bob = deployment.newUser("decline");
        // The simulated provider declines +decline@ addresses (CANOPY_PAYMENTS_DECLINE_EMAIL_PATTERN).
        String email = "smoke-" + java.util.UUID.randomUUID() + "+decline@example.com";
        assertEquals(201, api.postJson("/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + Deployment.PASSWORD + "\"}", null).statusCode());
        User declined = deployment.signIn(email, Deployment.PASSWORD, null);
        String id = json(api.postJson("/orders", "{\"order\":[{\"product\":\"mocha\",\"size\":\"big\"}]}", declined.token())).get("id").asText();
        assertProblem(api.postJson("/orders/" + id + "/pay", null, declined.token()), 402);
        assertEquals("created", json(api.get("/orders/" + id, declined.token())).get("status").asText());
        assertEquals(204, api.send("DELETE", "/users/me", null, declined.token()).statusCode());
        assertEquals(200, api.get("/users/me", bob.token()).statusCode());
    }

    @Test
    void userDeletion_erasesTheUsersDataInTheOtherGroups() throws InterruptedException {
        // GIVEN a user with data in other groups
        User leaving = deployment.newUser("leaving");
        assertEquals(201, api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", leaving.token()).statusCode());
        HttpResponse<String> property = api.postJson("/properties", "{\"name\":\"Gone\",\"type\":\"land\",\"city\":\"Nowhere\"}",
                leaving.token());
        assertEquals(201, property.statusCode(), property.body());
        String propertyId = json(property).get("id").asText();
        assertEquals(201, api.postJson("/users/me/certificates", "{\"private_key\":\"a2V5\",\"body\":\"b\"}", leaving.token()).statusCode());

        // WHEN they delete their account
        assertEquals(204, api.send("DELETE", "/users/me", null, leaving.token()).statusCode());

        // THEN the UserDeleted event reaches every group, which erases their data within seconds
        //      (their access token still passes the groups' signature checks until it expires, so it can look)
        //      (each group's event function erases on its own, so each is awaited)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int usagesLeft;
        int propertyStatus;
        int certificatesLeft;
        do {
            usagesLeft = json(api.get("/usages", leaving.token())).get("items").size();
            propertyStatus = api.get("/properties/" + propertyId, null).statusCode();
            certificatesLeft = json(api.get("/users/me/certificates", leaving.token())).get("items").size();
            if (usagesLeft > 0 || propertyStatus != 404 || certificatesLeft > 0) {
                Thread.sleep(500);
            }
        } while ((usagesLeft > 0 || propertyStatus != 404 || certificatesLeft > 0) && System.nanoTime() < deadline);
        assertEquals(0, certificatesLeft, "certificates of a deleted user were not erased");
        assertEquals(0, usagesLeft, "usages of a deleted user were not erased");
        assertEquals(404, propertyStatus, "the property of a deleted user was not erased");

        // AND their still-valid token creates nothing more in any group: once a group has erased the user, each create
        //     is a 401 (a create that got in before the group's erasure started was erased with the rest)
        String order = "{\"order\":[{\"product\":\"latte\",\"size\":\"small\"}]}";
        Map<String, Supplier<HttpResponse<String>>> creates = new LinkedHashMap<>();
        creates.put("POST /usages", () -> api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", leaving.token()));
        creates.put("POST /properties", () -> api.postJson("/properties", "{\"name\":\"Back\",\"type\":\"land\",\"city\":\"Nowhere\"}", leaving.token()));
        creates.put("POST /users/me/certificates", () -> api.postJson("/users/me/certificates", "{\"private_key\":\"a2V5\",\"body\":\"b\"}", leaving.token()));
        creates.put("POST /orders", () -> api.postJson("/orders", order, leaving.token()));
        creates.put("POST /kitchen/schedules", () -> api.postJson("/kitchen/schedules",
                "{\"order_id\":\"" + UUID.randomUUID() + "\"," + order.substring(1), leaving.token()));
        creates.put("POST /payments", () -> api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", leaving.token()));
        for (Map.Entry<String, Supplier<HttpResponse<String>>> create : creates.entrySet()) {
            HttpResponse<String> answer = create.getValue().get();
            while (answer.statusCode() != 401 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                answer = create.getValue().get();
            }
            assertProblem(answer, 401);
        }
        long listDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String list : List.of("/usages", "/users/me/certificates", "/orders", "/kitchen/schedules")) {
            int left = json(api.get(list, leaving.token())).get("items").size();
            while (left > 0 && System.nanoTime() < listDeadline) {
                Thread.sleep(500);
                left = json(api.get(list, leaving.token())).get("items").size();
            }
            assertEquals(0, left, list + " of a deleted user holds data created after the deletion");
        }
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
