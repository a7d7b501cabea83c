package io.canopy.certificates.crypto;

import io.canopy.certificates.persistence.RewrapKeys;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS configuration: {@code CANOPY_KMS_KEY_ID} set, the AWS SDK's real KMS client (url-connection-client,
 * signed requests) against {@link FakeKms}, a stand-in for KMS at the HTTP boundary (no AWS account is needed).
 * Requests go through the real Lambda handler (api-proxy test server) on embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsMasterKeyTest {

    private static final String CONTEXT = "{\"purpose\":\"canopy-certificate-data-key\"}";

    private FakeKms kms;
    private String firstArn;
    private String secondArn;
    private final Map<String, String> database = TestPostgres.newDatabase();

    @BeforeAll
    void startKms() throws IOException {
        kms = new FakeKms();
        firstArn = kms.createKey("alias/canopy-certificates");
        secondArn = kms.createKey("alias/canopy-certificates-2027");
    }

    @AfterAll
    void stopKms() {
        kms.close();
    }

    @Test
    void kms_wrapsEachDataKey_andTheRowStoresTheKeyArnKmsReports() throws SQLException {
        try (EmbeddedServer server = start("alias/canopy-certificates")) {
            // GIVEN the function configured with a KMS alias and no local key file
            assertInstanceOf(KmsMasterKey.class, server.getApplicationContext().getBean(MasterKey.class));
            ApiClient api = new ApiClient(server.getURI());
            String token = TestTokens.user(UUID.randomUUID());
            byte[] key = random(2048);
            int callsBefore = kms.calls().size();
            // WHEN a certificate is stored and its key read back
            HttpResponse<String> created = api.postJson("/users/me/certificates", certificate(key), token);
            String id = body(created, 201).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> got = api.get("/users/me/certificates/" + id + "/private-key", token);
            // THEN the key comes back
            assertTrue(body(got, 200).contains(Base64.getEncoder().encodeToString(key)));
            // AND KMS encrypted the data key under the alias and decrypted it naming the key ARN, both with the context
            List<FakeKms.Call> calls = kms.calls().subList(callsBefore, kms.calls().size());
            assertEquals(List.of(new FakeKms.Call("Encrypt", "alias/canopy-certificates", CONTEXT),
                    new FakeKms.Call("Decrypt", firstArn, CONTEXT)), calls);
            // AND the row names the key by the ARN KMS reported
            assertEquals(firstArn, keyIdOf(id));
        }
    }

    @Test
    void privateKey_returns500Problem_whenKmsRefusesTheStoredWrappedKey() throws SQLException {
        try (EmbeddedServer server = start("alias/canopy-certificates")) {
            // GIVEN a certificate whose wrapped data key was altered in the database
            ApiClient api = new ApiClient(server.getURI());
            String token = TestTokens.user(UUID.randomUUID());
            String id = body(api.postJson("/users/me/certificates", certificate(random(32)), token), 201)
                    .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            update("UPDATE certificates.certificates SET wrapped_key = set_byte(wrapped_key, 79, get_byte(wrapped_key, 79) # 255) WHERE id = '" + id + "'::uuid");
            // WHEN its key is asked for
            HttpResponse<String> response = api.get("/users/me/certificates/" + id + "/private-key", token);
            // THEN KMS's InvalidCiphertextException becomes the clear 500 problem
            assertProblem(response, 500);
            assertTrue(response.body().contains("cannot be decrypted"), response.body());
        }
    }

    @Test
    void kmsUnavailable_answers503AndStoresNothing() {
        try (EmbeddedServer server = start("alias/canopy-certificates")) {
            // GIVEN a stored certificate, then KMS failing with 500s
            ApiClient api = new ApiClient(server.getURI());
            String token = TestTokens.user(UUID.randomUUID());
            String id = body(api.postJson("/users/me/certificates", certificate(random(32)), token), 201)
                    .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            kms.failing(true);
            try {
                // WHEN a key is read or a certificate stored
                HttpResponse<String> read = api.get("/users/me/certificates/" + id + "/private-key", token);
                HttpResponse<String> write = api.postJson("/users/me/certificates", certificate(random(32)), token);
                // THEN 503 with Retry-After (a dependency is down; the row is fine), and nothing was stored
                assertProblem(read, 503);
                assertTrue(read.headers().firstValue("Retry-After").isPresent());
                assertProblem(write, 503);
            } finally {
                kms.failing(false);
            }
            assertEquals(1, body(api.get("/users/me/certificates", token), 200).split("\"id\"").length - 1);
            assertEquals(200, api.get("/users/me/certificates/" + id + "/private-key", token).statusCode());
        }
    }

    @Test
    void kmsRotation_oldRowsStillOpen_newRowsUseTheNewKey_andRewrapMovesTheRest() throws SQLException {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        byte[] oldKey = random(64);
        // GIVEN a certificate stored under the first KMS key
        String oldId;
        try (EmbeddedServer before = start("alias/canopy-certificates")) {
            oldId = body(new ApiClient(before.getURI()).postJson("/users/me/certificates", certificate(oldKey), token), 201)
                    .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        }
        // WHEN the function moves to another KMS key
        try (EmbeddedServer after = start("alias/canopy-certificates-2027")) {
            ApiClient api = new ApiClient(after.getURI());
            // THEN the old row still opens, and a new row is wrapped by the new key
            assertTrue(body(api.get("/users/me/certificates/" + oldId + "/private-key", token), 200)
                    .contains(Base64.getEncoder().encodeToString(oldKey)));
            String newId = body(api.postJson("/users/me/certificates", certificate(random(64)), token), 201)
                    .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            assertEquals(secondArn, keyIdOf(newId));
            assertEquals(firstArn, keyIdOf(oldId));

            // WHEN the re-wrap runs
            RewrapKeys.Result result = after.getApplicationContext().getBean(RewrapKeys.class).run();

            // THEN the old row is on the new key, and still opens
            assertEquals(new RewrapKeys.Result(secondArn, 1, List.of()), result);
            assertEquals(secondArn, keyIdOf(oldId));
            assertTrue(body(api.get("/users/me/certificates/" + oldId + "/private-key", token), 200)
                    .contains(Base64.getEncoder().encodeToString(oldKey)));
        }
    }

    private EmbeddedServer start(String kmsKeyId) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.kms-key-id", kmsKeyId);
        properties.put("canopy.certificates.kms-endpoint", kms.endpoint());
        properties.put("canopy.certificates.kms-region", "eu-west-1");
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private String keyIdOf(String id) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT key_id FROM certificates.certificates WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), id);
                return row.getString(1);
            }
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("datasources.default.url"), database.get("datasources.default.username"),
                database.get("datasources.default.password"));
    }

    private static String body(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }

    private static String certificate(byte[] key) {
        return "{\"private_key\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"body\":\"-----BEGIN CERTIFICATE-----\",\"active\":true}";
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
