package io.canopy.certificates.api;

import io.canopy.certificates.LogCapture;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificates group through HTTP: micronaut's api-proxy test server turns each request into a payload 2.0
 * event for the real Lambda handler. Embedded PostgreSQL, a local master key file, tokens signed like identity's.
 */
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

    // --- create ------------------------------------------------------------------------------------------------

    @Test
    void create_returns201WithLocationAndTheCallersUserId_whenPathIsMe() {
        // GIVEN a user
        UUID user = UUID.randomUUID();
        // WHEN they store a certificate under /users/me
        HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(random(32), "cert", true), TestTokens.user(user));
        // THEN 201, Location and ETag, their user id, and no key in the answer
        assertEquals(201, created.statusCode(), created.body());
        JsonNode body = read(created);
        assertEquals(user.toString(), body.get("user_id").getStringValue());
        assertEquals("cert", body.get("body").getStringValue());
        assertTrue(body.get("active").getBooleanValue());
        assertEquals(body.get("created_at").getStringValue(), body.get("updated_at").getStringValue());
        assertEquals("/users/" + user + "/certificates/" + body.get("id").getStringValue(), created.headers().firstValue("Location").orElse(""));
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElse(""));
        assertFalse(created.body().contains("private_key"), created.body());
    }

    @Test
    void create_returns201Inactive_whenPathIsTheCallersIdAndActiveIsOmitted() {
        // GIVEN a user naming themselves by id
        UUID user = UUID.randomUUID();
        // WHEN they store a certificate without "active"
        HttpResponse<String> created = api.postJson("/users/" + user + "/certificates",
                "{\"private_key\":\"" + base64(random(8)) + "\",\"body\":\"b\"}", TestTokens.user(user));
        // THEN it is stored, inactive
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(read(created).get("active").getBooleanValue());
    }

    @Test
    void create_returns422AndStoresNothing_whenFieldsAreMissingExtraOrWrongTyped() {
        // GIVEN a user and a valid key
        String token = TestTokens.user(UUID.randomUUID());
        String key = base64(random(8));
        // WHEN bodies with a missing, extra, null or wrong-typed field are sent
        for (String body : List.of("{}", "{\"body\":\"b\"}", "{\"private_key\":\"" + key + "\"}",
                "{\"private_key\":null,\"body\":\"b\"}", "{\"private_key\":\"" + key + "\",\"body\":null}",
                "{\"private_key\":42,\"body\":\"b\"}", "{\"private_key\":[\"" + key + "\"],\"body\":\"b\"}",
                "{\"private_key\":\"" + key + "\",\"body\":7}", "{\"private_key\":\"" + key + "\",\"body\":{}}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"active\":\"true\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"active\":1}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"user_id\":\"" + UUID.randomUUID() + "\"}",
                "{\"private_key\":\"" + key + "\",\"body\":\"b\",\"id\":\"" + UUID.randomUUID() + "\"}")) {
            // THEN each is a 422 problem
            assertProblem(api.postJson("/users/me/certificates", body, token), 422);
        }
        // AND nothing was stored
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    @Test
    void create_returns422OnPrivateKey_whenItIsNotBase64OrOutOfRange() {
        String token = TestTokens.user(UUID.randomUUID());
        // GIVEN keys that are not base64, empty, or decode to more than 64 KiB
        for (String key : List.of("%%%not base64", "c2Vj cmV0", "c2VjcmV0\n", "Q", "-_-_", "", base64(new byte[64 * 1024 + 1]))) {
            // WHEN one is sent
            HttpResponse<String> response = api.postJson("/users/me/certificates", "{\"private_key\":\"" + key.replace("\n", "\\n") + "\",\"body\":\"b\"}", token);
            // THEN a 422 problem on private_key, never a 500
            assertProblem(response, 422);
            assertEquals("private_key", read(response).get("errors").get(0).get("field").getStringValue(), response.body());
        }
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    @Test
    void create_returns422OnBody_whenItIsEmptyOrOver65536Characters() {
        String token = TestTokens.user(UUID.randomUUID());
        for (String body : List.of("", "b".repeat(65537), "\uD83D\uDE00".repeat(65537))) {
            HttpResponse<String> response = api.postJson("/users/me/certificates", "{\"private_key\":\"" + base64(random(8)) + "\",\"body\":\"" + body + "\"}", token);
            assertProblem(response, 422);
            assertEquals("body", read(response).get("errors").get(0).get("field").getStringValue(), response.body());
        }
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    @Test
    void create_reportsBothFields_whenKeyAndBodyAreInvalid() {
        HttpResponse<String> response = api.postJson("/users/me/certificates", "{\"private_key\":\"***\",\"body\":\"\"}", TestTokens.user(UUID.randomUUID()));
        assertProblem(response, 422);
        JsonNode errors = read(response).get("errors");
        assertEquals(2, errors.size(), response.body());
        assertEquals("private_key", errors.get(0).get("field").getStringValue());
        assertEquals("body", errors.get(1).get("field").getStringValue());
    }

    @Test
    void create_returns201_atTheLimits() {
        // GIVEN a key of exactly 64 KiB, and bodies of exactly 65,536 characters (ASCII, and outside the BMP)
        String token = TestTokens.user(UUID.randomUUID());
        for (String body : List.of("b".repeat(65536), "\uD83D\uDE00".repeat(65536))) {
            // WHEN stored
            HttpResponse<String> created = api.postJson("/users/me/certificates",
                    "{\"private_key\":\"" + base64(random(64 * 1024)) + "\",\"body\":\"" + body + "\"}", token);
            // THEN accepted, and the body comes back intact
            assertEquals(201, created.statusCode(), created.body().substring(0, Math.min(300, created.body().length())));
            assertEquals(body, read(created).get("body").getStringValue());
        }
    }

    @Test
    void create_returns400_whenBodyIsAJsonString() {
        String token = TestTokens.user(UUID.randomUUID());
        assertProblem(api.postJson("/users/me/certificates", "\"just a string\"", token), 400);
        assertProblem(api.postJson("/users/me/certificates", "{\"private_key\":", token), 400);
        assertEquals(0, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    // --- list --------------------------------------------------------------------------------------------------

    @Test
    void list_returns0Then5_whenFiveAreCreated() {
        // GIVEN a new user
        String token = TestTokens.user(UUID.randomUUID());
        // WHEN listing before and after five creates
        int before = read(api.get("/users/me/certificates", token)).get("items").size();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, api.postJson("/users/me/certificates", certificate(random(16), "c" + i, false), token).statusCode());
        }
        JsonNode after = read(api.get("/users/me/certificates", token));
        // THEN 0, then 5, newest first, with no key in the list
        assertEquals(0, before);
        assertEquals(5, after.get("items").size());
        assertEquals("c4", after.get("items").get(0).get("body").getStringValue());
        assertTrue(after.get("next_cursor").isNull());
        assertFalse(after.toString().contains("private_key"));
    }

    @Test
    void list_filtersByActive_whenActiveIsTrueOrFalse() {
        // GIVEN 5 inactive and 3 active certificates
        String token = TestTokens.user(UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            api.postJson("/users/me/certificates", certificate(random(16), "inactive " + i, false), token);
        }
        for (int i = 0; i < 3; i++) {
            api.postJson("/users/me/certificates", certificate(random(16), "active " + i, true), token);
        }
        // WHEN listing with active=true, active=false and without it
        // THEN 3, 5 and 8
        assertEquals(3, read(api.get("/users/me/certificates?active=true", token)).get("items").size());
        assertEquals(5, read(api.get("/users/me/certificates?active=false", token)).get("items").size());
        assertEquals(8, read(api.get("/users/me/certificates", token)).get("items").size());
    }

    @Test
    void list_returns422_whenActiveIsNotExactlyTrueOrFalse() {
        String token = TestTokens.user(UUID.randomUUID());
        for (String active : List.of("1", "abc", "TRUE", "yes", "0")) {
            HttpResponse<String> response = api.get("/users/me/certificates?active=" + active, token);
            assertProblem(response, 422);
            assertEquals("active", read(response).get("errors").get(0).get("field").getStringValue());
        }
    }

    @Test
    void list_pagesNewestFirst_whenLimitIsSmallerThanTheList() {
        // GIVEN 8 certificates, 3 of them active
        String token = TestTokens.user(UUID.randomUUID());
        for (int i = 0; i < 8; i++) {
            api.postJson("/users/me/certificates", certificate(random(8), "c" + i, i % 3 == 0), token);
        }
        // WHEN paging 3 at a time, without and with the filter
        List<String> all = pages("/users/me/certificates?limit=3", token);
        List<String> active = pages("/users/me/certificates?active=true&limit=2", token);
        // THEN every certificate once, newest first
        assertEquals(List.of("c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"), all);
        assertEquals(List.of("c6", "c3", "c0"), active);
        assertProblem(api.get("/users/me/certificates?limit=0", token), 422);
        assertProblem(api.get("/users/me/certificates?limit=101", token), 422);
        assertProblem(api.get("/users/me/certificates?cursor=garbage", token), 422);
    }

    // --- get, patch, delete ------------------------------------------------------------------------------------

    @Test
    void get_returns200WithEtag_andNoKey() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, random(8), "one", false);
        HttpResponse<String> got = api.get("/users/me/certificates/" + id, token);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(id, read(got).get("id").getStringValue());
        assertEquals("\"1\"", got.headers().firstValue("ETag").orElse(""));
        assertFalse(got.body().contains("private_key"));
    }

    @Test
    void patchActive_returns200WithTheNewStateAndEtag_whenStateChanges() {
        // GIVEN an inactive certificate
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, random(8), "c", false);
        // WHEN it is activated, then activated again
        HttpResponse<String> activated = api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":true}", token);
        HttpResponse<String> again = api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":true}", token);
        // THEN 200 with the certificate; the second, which changes nothing, keeps the ETag
        assertEquals(200, activated.statusCode(), activated.body());
        assertTrue(read(activated).get("active").getBooleanValue());
        assertEquals("\"2\"", activated.headers().firstValue("ETag").orElse(""));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("\"2\"", again.headers().firstValue("ETag").orElse(""));
        assertTrue(read(api.get("/users/me/certificates/" + id, token)).get("active").getBooleanValue());
        assertEquals(1, read(api.get("/users/me/certificates?active=true", token)).get("items").size());
    }

    @Test
    void patchActive_returns422_whenBodyIsEmptyOrActiveIsNotABoolean() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, random(8), "c", false);
        for (String body : List.of("{}", "{\"active\":null}", "{\"active\":\"true\"}", "{\"active\":1}", "{\"active\":true,\"body\":\"x\"}")) {
            assertProblem(api.send("PATCH", "/users/me/certificates/" + id + "/active", body, token), 422);
        }
        assertProblem(api.send("PATCH", "/users/me/certificates/" + id + "/active", "[true]", token), 400);
        assertFalse(read(api.get("/users/me/certificates/" + id, token)).get("active").getBooleanValue());
    }

    @Test
    void patchAndDelete_return412_whenIfMatchIsStale() {
        // GIVEN a certificate read at ETag "1", then changed to "2"
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, random(8), "c", false);
        String path = "/users/me/certificates/" + id;
        assertEquals(200, api.send("PATCH", path + "/active", "{\"active\":true}", token, "If-Match", "\"1\"").statusCode());
        // WHEN written with the stale ETag
        // THEN 412, and nothing changed
        assertProblem(api.send("PATCH", path + "/active", "{\"active\":false}", token, "If-Match", "\"1\""), 412);
        assertProblem(api.send("DELETE", path, null, token, "If-Match", "\"1\""), 412);
        assertTrue(read(api.get(path, token)).get("active").getBooleanValue());
        // AND the current ETag works
        assertEquals(204, api.send("DELETE", path, null, token, "If-Match", "\"2\"").statusCode());
    }

    @Test
    void delete_returns204_andTheCertificateIsGone() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, random(8), "c", false);
        assertEquals(204, api.send("DELETE", "/users/me/certificates/" + id, null, token).statusCode());
        assertProblem(api.get("/users/me/certificates/" + id, token), 404);
        assertProblem(api.get("/users/me/certificates/" + id + "/private-key", token), 404);
        assertProblem(api.send("DELETE", "/users/me/certificates/" + id, null, token), 404);
    }

    @Test
    void unknownCertificate_returns404_onEveryRoute() {
        String token = TestTokens.user(UUID.randomUUID());
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            String path = "/users/me/certificates/" + id;
            assertProblem(api.get(path, token), 404);
            assertProblem(api.get(path + "/private-key", token), 404);
            assertProblem(api.send("PATCH", path + "/active", "{\"active\":true}", token), 404);
            assertProblem(api.send("DELETE", path, null, token), 404);
        }
        assertProblem(api.get("/users/not-a-uuid/certificates", token), 404);
    }

    // --- who may --------------------------------------------------------------------------------------------------

    @Test
    void anotherUser_gets404OnEveryRoute_andChangesNothing() {
        // GIVEN alice's inactive certificate
        UUID alice = UUID.randomUUID();
        String aliceToken = TestTokens.user(alice);
        String id = create(aliceToken, random(8), "alice's", false);
        String base = "/users/" + alice + "/certificates";
        String bob = TestTokens.user(UUID.randomUUID());
        // WHEN bob names alice in the path THEN 404 for list, create, get, private-key, patch and delete
        assertProblem(api.get(base, bob), 404);
        assertProblem(api.postJson(base, certificate(random(8), "planted", true), bob), 404);
        assertProblem(api.get(base + "/" + id, bob), 404);
        assertProblem(api.get(base + "/" + id + "/private-key", bob), 404);
        assertProblem(api.send("PATCH", base + "/" + id + "/active", "{\"active\":true}", bob), 404);
        assertProblem(api.send("DELETE", base + "/" + id, null, bob), 404);
        // AND through his own "me" path alice's certificate does not exist either
        assertProblem(api.get("/users/me/certificates/" + id, bob), 404);
        assertProblem(api.get("/users/me/certificates/" + id + "/private-key", bob), 404);
        // AND alice's data is as it was
        JsonNode list = read(api.get(base, aliceToken));
        assertEquals(1, list.get("items").size());
        assertFalse(list.get("items").get(0).get("active").getBooleanValue());
    }

    @Test
    void admin_mayActForAnyUser() {
        UUID alice = UUID.randomUUID();
        String id = create(TestTokens.user(alice), random(8), "alice's", false);
        String admin = TestTokens.admin(UUID.randomUUID());
        String base = "/users/" + alice + "/certificates";
        assertEquals(1, read(api.get(base, admin)).get("items").size());
        assertEquals(200, api.get(base + "/" + id + "/private-key", admin).statusCode());
        assertEquals(200, api.send("PATCH", base + "/" + id + "/active", "{\"active\":true}", admin).statusCode());
        HttpResponse<String> created = api.postJson(base, certificate(random(8), "by admin", false), admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(alice.toString(), read(created).get("user_id").getStringValue());
        assertEquals(204, api.send("DELETE", base + "/" + id, null, admin).statusCode());
    }

    @Test
    void anonymous_gets401OnEveryRoute() {
        String id = create(TestTokens.user(UUID.randomUUID()), random(8), "c", false);
        String base = "/users/me/certificates";
        assertProblem(api.get(base, null), 401);
        assertProblem(api.postJson(base, certificate(random(8), "c", false), null), 401);
        assertProblem(api.get(base + "/" + id, null), 401);
        assertProblem(api.get(base + "/" + id + "/private-key", null), 401);
        assertProblem(api.send("PATCH", base + "/" + id + "/active", "{\"active\":true}", null), 401);
        assertProblem(api.send("DELETE", base + "/" + id, null, null), 401);
        assertProblem(api.get(base, "not-a-token"), 401);
    }

    // --- the private key -------------------------------------------------------------------------------------------

    @Test
    void privateKey_roundTripsARandom4KiBKey_andOnlyThisAnswerCarriesIt() {
        // GIVEN a random 4 KiB key, stored
        String token = TestTokens.user(UUID.randomUUID());
        byte[] key = random(4096);
        HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(key, "4k", true), token);
        String id = read(created).get("id").getStringValue();
        // WHEN read back
        HttpResponse<String> got = api.get("/users/me/certificates/" + id + "/private-key", token);
        // THEN byte for byte, not cacheable, and no other answer holds it
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(base64(key), read(got).get("private_key").getStringValue());
        assertEquals("no-store", got.headers().firstValue("Cache-Control").orElse(""));
        for (HttpResponse<String> other : List.of(created, api.get("/users/me/certificates", token), api.get("/users/me/certificates/" + id, token),
                api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":false}", token))) {
            assertFalse(containsKey(other.body(), key), other.body());
        }
    }

    @Test
    void storedRow_holdsNoPlaintextKey() throws SQLException {
        // GIVEN a stored certificate
        String token = TestTokens.user(UUID.randomUUID());
        byte[] key = random(4096);
        String id = create(token, key, "row", false);
        // WHEN its row is read back with SQL, every column
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT row_to_json(c)::text AS whole, key_ciphertext, key_nonce, wrapped_key, key_id FROM certificates.certificates c WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                // THEN neither the key's bytes (bytea is hex in JSON) nor its base64 appear anywhere in it
                String whole = row.getString("whole");
                assertFalse(whole.contains(HexFormat.of().formatHex(key, 0, 16)), "plaintext key bytes in the row");
                assertFalse(whole.contains(base64(key).substring(0, 24)), "base64 key in the row");
                // AND it holds AES-GCM's ciphertext (key length + 16-byte tag), a 12-byte nonce, a wrapped data key
                // and the local master key's fingerprint
                assertEquals(key.length + 16, row.getBytes("key_ciphertext").length);
                assertEquals(12, row.getBytes("key_nonce").length);
                assertEquals(12 + 32 + 16, row.getBytes("wrapped_key").length);
                assertTrue(row.getString("key_id").matches("local:[0-9a-f]{16}"), row.getString("key_id"));
            }
        }
    }

    @Test
    void privateKey_neverAppearsInALogLine_evenAtTrace() {
        // GIVEN every log event at TRACE and everything printed, captured
        String token = TestTokens.user(UUID.randomUUID());
        byte[] key = random(512);
        String k = base64(key);
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            // WHEN the key goes through create, list, get, patch, private-key and delete, and through rejected requests
            String id = read(api.postJson("/users/me/certificates", certificate(key, "logged?", true), token)).get("id").getStringValue();
            api.get("/users/me/certificates", token);
            api.get("/users/me/certificates/" + id, token);
            api.send("PATCH", "/users/me/certificates/" + id + "/active", "{\"active\":false}", token);
            assertEquals(200, api.get("/users/me/certificates/" + id + "/private-key", token).statusCode());
            api.postJson("/users/me/certificates", "{\"private_key\":\"" + k + "\",\"body\":7}", token);
            api.postJson("/users/me/certificates", "{\"private_key\":\"" + k + "\",\"body\":\"b\",\"extra\":1}", token);
            api.postJson("/users/me/certificates", "{\"private_key\":\"" + k + "\",\"body\":\"\"}", token);
            api.postJson("/users/me/certificates", "{\"private_key\":\"" + k + "!\",\"body\":\"b\"}", token);
            api.postJson("/users/me/certificates", "{\"private_key\":\"" + k + "\",\"body\":\"b\"", token);
            api.postJson("/users/" + UUID.randomUUID() + "/certificates", certificate(key, "not mine", true), token);
            api.send("DELETE", "/users/me/certificates/" + id, null, token);
            lines = logs.lines();
            assertTrue(logs.eventCount() > 0, "nothing was logged at TRACE: the capture did not work");
        }
        // THEN no line holds the key, in base64 or in hex
        for (String line : lines) {
            assertFalse(containsKey(line, key), "private key in a log line: " + line.substring(0, Math.min(2000, line.length())));
        }
    }

    @Test
    void tamperedRow_returns500ProblemSayingSo_andNeverAnotherKey() throws SQLException {
        String token = TestTokens.user(UUID.randomUUID());
        // GIVEN certificates, each with one sealed column altered in the database
        Map<String, String> tampering = Map.of(
                "key_ciphertext", "key_ciphertext = set_byte(key_ciphertext, 4, get_byte(key_ciphertext, 4) # 255)",
                "key_ciphertext cut short", "key_ciphertext = substring(key_ciphertext from 1 for 4)",
                "key_nonce", "key_nonce = set_byte(key_nonce, 0, get_byte(key_nonce, 0) # 255)",
                "wrapped_key", "wrapped_key = set_byte(wrapped_key, 19, get_byte(wrapped_key, 19) # 255)",
                "key_id", "key_id = 'local:0000000000000000'");
        for (Map.Entry<String, String> tamper : tampering.entrySet()) {
            String id = create(token, random(64), tamper.getKey(), false);
            execute("UPDATE certificates.certificates SET " + tamper.getValue() + " WHERE id = '" + id + "'::uuid");
            // WHEN its key is asked for
            HttpResponse<String> response = api.get("/users/me/certificates/" + id + "/private-key", token);
            // THEN a 500 problem that says the stored key cannot be decrypted, and no key
            assertProblem(response, 500);
            assertTrue(response.body().contains("cannot be decrypted"), tamper.getKey() + ": " + response.body());
            assertFalse(response.body().contains("private_key"), response.body());
            // AND the certificate itself is still served
            assertEquals(200, api.get("/users/me/certificates/" + id, token).statusCode());
        }
    }

    @Test
    void sealedKeyCopiedIntoAnotherRow_doesNotOpenThere() throws SQLException {
        // GIVEN two certificates of one user, and the second's sealed key replaced with the first's
        String token = TestTokens.user(UUID.randomUUID());
        byte[] first = random(32);
        String a = create(token, first, "a", false);
        String b = create(token, random(32), "b", false);
        execute("UPDATE certificates.certificates AS target SET key_ciphertext = source.key_ciphertext, key_nonce = source.key_nonce,"
                + " wrapped_key = source.wrapped_key, key_id = source.key_id FROM certificates.certificates AS source"
                + " WHERE source.id = '" + a + "'::uuid AND target.id = '" + b + "'::uuid");
        // WHEN the second's key is asked for
        HttpResponse<String> moved = api.get("/users/me/certificates/" + b + "/private-key", token);
        // THEN it does not open (the row's id is part of the authenticated data), and the first still does
        assertProblem(moved, 500);
        assertFalse(containsKey(moved.body(), first));
        assertEquals(base64(first), read(api.get("/users/me/certificates/" + a + "/private-key", token)).get("private_key").getStringValue());
    }

    // --- user deletion, health ------------------------------------------------------------------------------------

    @Test
    void userDeleted_erasesOnlyThatUsersCertificates_andAgainErasesNothing() {
        // GIVEN two certificates of a user who is deleted, and one of another user
        UUID leaving = UUID.randomUUID();
        String leavingToken = TestTokens.user(leaving);
        create(leavingToken, random(8), "a", false);
        create(leavingToken, random(8), "b", true);
        String stayingToken = TestTokens.user(UUID.randomUUID());
        create(stayingToken, random(8), "c", true);
        // WHEN identity's UserDeleted event reaches the group's event handler, twice (EventBridge may redeliver)
        String first = deliverUserDeleted(leaving);
        String second = deliverUserDeleted(leaving);
        // THEN the user's certificates are gone, the other user's remain, and the redelivery erased nothing
        assertTrue(first.contains("\"erased\":2"), first);
        assertTrue(second.contains("\"erased\":0"), second);
        assertEquals(0, read(api.get("/users/me/certificates", leavingToken)).get("items").size());
        assertEquals(1, read(api.get("/users/me/certificates", stayingToken)).get("items").size());
        // AND the leaving user's still-valid token creates nothing more (the erasure's tombstone); the other still can
        assertProblem(api.postJson("/users/me/certificates", certificate(random(8), "d", true), leavingToken), 401);
        assertEquals(0, read(api.get("/users/me/certificates", leavingToken)).get("items").size());
        create(stayingToken, random(8), "e", true);
    }

    @Test
    void health_reportsPostgres() {
        HttpResponse<String> health = api.get("/health/certificates", null);
        assertEquals(200, health.statusCode(), health.body());
        JsonNode body = read(health);
        assertEquals("UP", body.get("status").getStringValue());
        assertTrue(body.get("checks").get("postgres") != null, health.body());
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private String deliverUserDeleted(UUID user) {
        String event = "{\"id\":\"e-" + UUID.randomUUID() + "\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\","
                + "\"detail\":{\"user_id\":\"" + user + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> pages(String path, String token) {
        List<String> bodies = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = read(api.get(path + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.get("items").values().forEach(item -> bodies.add(item.get("body").getStringValue()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").getStringValue();
            assertNotEquals(20, bodies.size(), "paging does not end");
        } while (cursor != null);
        return bodies;
    }

    private String create(String token, byte[] key, String body, boolean active) {
        HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(key, body, active), token);
        assertEquals(201, created.statusCode(), created.body());
        return read(created).get("id").getStringValue();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("datasources.default.url"), database.get("datasources.default.username"),
                database.get("datasources.default.password"));
    }

    /** The key's base64 or hex (any 24-character stretch of the start) appears in {@code text}. */
    private static boolean containsKey(String text, byte[] key) {
        return text.contains(base64(key).substring(0, 24)) || text.toLowerCase().contains(HexFormat.of().formatHex(key, 0, 12));
    }

    private static String certificate(byte[] key, String body, boolean active) {
        return "{\"private_key\":\"" + base64(key) + "\",\"body\":\"" + body + "\",\"active\":" + active + "}";
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
