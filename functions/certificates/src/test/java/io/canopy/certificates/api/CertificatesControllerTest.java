package io.canopy.certificates.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.canopy.certificates.MasterKeyFiles;
import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the real Lambda handler (api-proxy test server) on embedded PostgreSQL, with a local master key. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificatesControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    private final Map<String, String> database = TestPostgres.newDatabase();
    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.master-key-file", MasterKeyFiles.create().toString());
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void create_returns201WithTheCallersUserId_andNoKey() {
        UUID user = UUID.randomUUID();
        HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(randomKey(32), "cert", false), TestTokens.user(user));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode body = read(created);
        assertEquals(user.toString(), body.get("user_id").getStringValue());
        assertEquals("/users/" + user + "/certificates/" + body.get("id").getStringValue(), created.headers().firstValue("Location").orElse(""));
        assertFalse(created.body().contains("private_key"), created.body());
        assertEquals(201, api.postJson("/users/" + user + "/certificates", certificate(randomKey(32), "by id", true), TestTokens.user(user)).statusCode());
    }

    @Test
    void list_returns0Then5_andFiltersByActive() {
        String token = TestTokens.user(UUID.randomUUID());
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
        for (int i = 0; i < 5; i++) {
            api.postJson("/users/me/certificates", certificate(randomKey(16), "inactive " + i, false), token);
        }
        assertEquals(5, read(api.get("/users/me/certificates", token)).get("items").size());
        for (int i = 0; i < 3; i++) {
            api.postJson("/users/me/certificates", certificate(randomKey(16), "active " + i, true), token);
        }
        assertEquals(3, read(api.get("/users/me/certificates?active=true", token)).get("items").size());
        assertEquals(5, read(api.get("/users/me/certificates?active=false", token)).get("items").size());
        assertEquals(8, read(api.get("/users/me/certificates", token)).get("items").size());
        assertProblem(api.get("/users/me/certificates?active=1", token), 422);
        assertProblem(api.get("/users/me/certificates?active=abc", token), 422);
        // paging: 3 + 3 + 2
        JsonNode first = read(api.get("/users/me/certificates?limit=3", token));
        assertEquals(3, first.get("items").size());
        JsonNode second = read(api.get("/users/me/certificates?limit=3&cursor=" + first.get("next_cursor").getStringValue(), token));
        JsonNode third = read(api.get("/users/me/certificates?limit=3&cursor=" + second.get("next_cursor").getStringValue(), token));
        assertEquals(2, third.get("items").size());
        assertTrue(third.get("next_cursor").isNull());
    }

    @Test
    void badInput_is400Or422_andStoresNothing() {
        String token = TestTokens.user(UUID.randomUUID());
        String key = Base64.getEncoder().encodeToString(randomKey(8));
        assertProblem(api.postJson("/users/me/certificates", "\"just a string\"", token), 400);
        for (String body : new String[] {"{\"body\":\"b\"}", "{\"private_key\":\"" + key + "\"}",
                "{\"private_key\":\"%%%not base64\",\"body\":\"b\"}", "{\"private_key\":\"\",\"body\":\"b\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"\"}", "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"active\":\"yes\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"active\":1}", "{\"private_key\":42,\"body\":\"b\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"user_id\":\"" + UUID.randomUUID() + "\"}",
                "{\"private_key\":\"" + Base64.getEncoder().encodeToString(new byte[64 * 1024 + 1]) + "\",\"body\":\"b\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"" + "b".repeat(65537) + "\"}"}) {
            assertProblem(api.postJson("/users/me/certificates", body, token), 422);
        }
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
        // the limits themselves are accepted
        assertEquals(201, api.postJson("/users/me/certificates", "{\"private_key\":\"" + Base64.getEncoder().encodeToString(new byte[64 * 1024])
                + "\",\"body\":\"" + "b".repeat(65536) + "\"}", token).statusCode());
    }

    @Test
    void patchActive_setsTheState_and422ForAnEmptyBody() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/users/me/certificates", certificate(randomKey(8), "c", false), token)).get("id").getStringValue();
        HttpResponse<String> activated = api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":true}", token);
        assertEquals(200, activated.statusCode(), activated.body());
        assertTrue(read(activated).get("active").getBooleanValue());
        assertEquals(200, api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":true}", token).statusCode());
        assertProblem(api.send("PATCH", "/users/me/certificates/" + id + "/active", "{}", token), 422);
        assertProblem(api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":\"false\"}", token), 422);
    }

    @Test
    void unknownCertificate_is404() {
        String token = TestTokens.user(UUID.randomUUID());
        for (String path : new String[] {"/users/me/certificates/" + UUID.randomUUID(), "/users/me/certificates/nope",
                "/users/me/certificates/" + UUID.randomUUID() + "/private-key"}) {
            assertProblem(api.get(path, token), 404);
        }
        assertProblem(api.send("DELETE", "/users/me/certificates/" + UUID.randomUUID(), null, token), 404);
        assertProblem(api.send("PATCH", "/users/me/certificates/" + UUID.randomUUID() + "/active", "{\"active\":true}", token), 404);
    }

    @Test
    void anotherUser_gets404ForEverything_anonymous401_admin200() {
        UUID alice = UUID.randomUUID();
        String aliceToken = TestTokens.user(alice);
        String bob = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/users/me/certificates", certificate(randomKey(8), "alice's", false), aliceToken)).get("id").getStringValue();
        String base = "/users/" + alice + "/certificates";

        assertProblem(api.get(base, bob), 404);
        assertProblem(api.postJson(base, certificate(randomKey(8), "planted", false), bob), 404);
        assertProblem(api.get(base + "/" + id, bob), 404);
        assertProblem(api.get(base + "/" + id + "/private-key", bob), 404);
        assertProblem(api.send("PATCH", base + "/" + id + "/active", "{\"active\":true}", bob), 404);
        assertProblem(api.send("DELETE", base + "/" + id, null, bob), 404);
        assertProblem(api.get(base, null), 401);
        assertProblem(api.get(base + "/" + id + "/private-key", null), 401);
        assertEquals(1, read(api.get(base, aliceToken)).get("items").size());
        assertEquals(200, api.get(base + "/" + id, TestTokens.admin(UUID.randomUUID())).statusCode());
        assertEquals(204, api.send("DELETE", base + "/" + id, null, aliceToken).statusCode());
    }

    @Test
    void privateKey_roundTrips4KiB_isNotStoredInClear_andNeverLogged() throws Exception {
        // GIVEN every log line captured, at DEBUG
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        byte[] key = randomKey(4096);
        String base64 = Base64.getEncoder().encodeToString(key);
        String token = TestTokens.user(UUID.randomUUID());
        String id;
        HttpResponse<String> got;
        try {
            // WHEN a 4 KiB key is stored, listed, read, and fetched back
            HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(key, "4k", true), token);
            id = read(created).get("id").getStringValue();
            String listed = api.get("/users/me/certificates", token).body();
            String single = api.get("/users/me/certificates/" + id, token).body();
            got = api.get("/users/me/certificates/" + id + "/private-key", token);

            // THEN only /private-key carries it, byte for byte
            assertFalse(created.body().contains(base64.substring(0, 40)));
            assertFalse(listed.contains(base64.substring(0, 40)));
            assertFalse(single.contains(base64.substring(0, 40)));
            assertEquals(200, got.statusCode(), got.body());
            assertEquals(base64, read(got).get("private_key").getStringValue());
            assertEquals("no-store", got.headers().firstValue("Cache-Control").orElse(""));
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }

        // AND no log line holds the key, in base64 or hex
        String hex = HexFormat.of().formatHex(key);
        assertTrue(captured.list.size() > 0, "nothing was logged at DEBUG: the capture did not work");
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertFalse(line.contains(base64.substring(0, 40)) || line.contains(hex.substring(0, 40)), "key in log: " + line);
        }

        // AND the row holds ciphertext, not the key
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT key_ciphertext, wrapped_key, key_id FROM certificates.certificates WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                byte[] stored = row.getBytes("key_ciphertext");
                assertFalse(HexFormat.of().formatHex(stored).contains(hex.substring(0, 32)));
                assertEquals(key.length + 16, stored.length); // GCM: same length plus the 16-byte tag
                assertTrue(row.getString("key_id").startsWith("local:"));
            }
        }
    }

    @Test
    void tamperedRow_failsWithAClearProblem_notGarbage() throws Exception {
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/users/me/certificates", certificate(randomKey(64), "t", false), token)).get("id").getStringValue();
        try (Connection connection = connect();
             PreparedStatement flip = connection.prepareStatement(
                     "UPDATE certificates.certificates SET key_ciphertext = overlay(key_ciphertext placing '\\x00' from 5 for 1) WHERE id = ?::uuid")) {
            flip.setString(1, id);
            assertEquals(1, flip.executeUpdate());
        }
        HttpResponse<String> response = api.get("/users/me/certificates/" + id + "/private-key", token);
        assertProblem(response, 500);
        assertTrue(response.body().contains("integrity check"), response.body());
    }

    @Test
    void userDeleted_erasesTheUsersCertificates() throws IOException {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        api.postJson("/users/me/certificates", certificate(randomKey(8), "a", false), token);
        api.postJson("/users/me/certificates", certificate(randomKey(8), "b", true), token);
        String event = "{\"id\":\"e-1\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + user + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":2"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    @Test
    void health_reportsPostgres() {
        HttpResponse<String> health = api.get("/health/certificates", null);
        assertEquals(200, health.statusCode(), health.body());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("datasources.default.url"), database.get("datasources.default.username"),
                database.get("datasources.default.password"));
    }

    private static String certificate(byte[] key, String body, boolean active) {
        return "{\"private_key\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"body\":\"" + body + "\",\"active\":" + active + "}";
    }

    private static byte[] randomKey(int size) {
        byte[] key = new byte[size];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
