package io.canopy.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.local.Directories;
import io.canopy.local.LocalRuntime;
import io.canopy.testsupport.ApiClient;
import io.canopy.local.LocalRuntimeConfig;
import io.canopy.stores.PostgresStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, black box: the local runtime started as `make run` starts it (real PostgreSQL, DynamoDB Local,
 * one Lambda-like process per function, the gateway's JWT authorizer), driven over HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_EMAIL = "root@canopy.example";
    private static final String PASSWORD = "correct horse battery staple";

    private static Path dataDir;
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("canopy-e2e");
        runtime = LocalRuntime.start(config());
        api = new ApiClient(runtime.baseUri());
    }

    private static LocalRuntimeConfig config() {
        return LocalRuntimeConfig.defaults(Path.of("..")).withDataDir(dataDir).withPort(0).withAdminEmails(ADMIN_EMAIL);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        Directories.deleteOrWarn(dataDir);
    }

    @Test
    @Order(1)
    void walkthrough_registerSignInMeValidTime() throws Exception {
        // GIVEN a new user
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = postJson("/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"first_name\":\"Ada\"}", null);
        assertEquals(201, registered.statusCode(), registered.body());
        JsonNode user = JSON.readTree(registered.body());
        assertTrue(registered.headers().firstValue("Location").orElse("").endsWith("/users/" + user.get("id").asText()));
        assertTrue(registered.body().indexOf("password") < 0, "no password material in " + registered.body());

        // WHEN they sign in and use the token
        String token = signIn(email, PASSWORD).get("access_token").asText();
        HttpResponse<String> me = get("/users/me", token);
        HttpResponse<String> valid = get("/auth/valid?resource=time", token);
        HttpResponse<String> notValid = get("/auth/valid?resource=launch-codes", token);
        HttpResponse<String> time = get("/time/current", token);
        HttpResponse<String> epoch = get("/time/epoch", token);

        // THEN every step answers as the contract says
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(email, JSON.readTree(me.body()).get("email").asText());
        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals(403, notValid.statusCode(), notValid.body());
        assertEquals(200, time.statusCode(), time.body());
        Instant now = Instant.parse(JSON.readTree(time.body()).get("current_time").asText());
        assertTrue(Duration.between(now, Instant.now()).abs().toSeconds() < 30);
        assertEquals(200, epoch.statusCode(), epoch.body());
        assertTrue(JSON.readTree(epoch.body()).get("epoch_time").isIntegralNumber());
    }

    @Test
    @Order(2)
    void signIn_acceptsTheOAuth2FormThatSwaggerUiSends() throws Exception {
        String email = register();
        HttpResponse<String> response = api.postForm("/auth/token",
                java.util.Map.of("grant_type", "password", "username", email, "password", PASSWORD));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Bearer", JSON.readTree(response.body()).get("token_type").asText());
    }

    @Test
    @Order(3)
    void refresh_rotatesAndRefusesAUsedToken() throws Exception {
        String email = register();
        String refreshToken = signIn(email, PASSWORD).get("refresh_token").asText();
        HttpResponse<String> first = postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}", null);
        assertEquals(200, first.statusCode(), first.body());
        assertNotEquals(refreshToken, JSON.readTree(first.body()).get("refresh_token").asText());
        HttpResponse<String> reused = postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}", null);
        assertEquals(401, reused.statusCode(), reused.body());
    }

    @Test
    @Order(4)
    void gateway_rejectsForgedExpiredAndUnsignedTokens_beforeTheFunctionRuns() throws Exception {
        String email = register();
        String good = signIn(email, PASSWORD).get("access_token").asText();
        RSAKey realKey = signingKey();
        JWTClaimsSet claims = SignedJWT.parse(good).getJWTClaimsSet();

        String expired = sign(realKey, new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build());
        String forged = sign(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(realKey.getKeyID()).generate(), claims);
        String tampered = withPayload(good, new JWTClaimsSet.Builder(claims).claim("roles", List.of("user", "admin")).build());
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + good.split("\\.")[1] + ".";

        for (String bad : List.of(expired, forged, tampered, unsigned, "garbage")) {
            for (String path : List.of("/users/me", "/time/current")) {
                HttpResponse<String> response = get(path, bad);
                assertEquals(401, response.statusCode(), path + " " + response.body());
                assertTrue(response.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"), path);
            }
        }
        assertEquals(401, get("/time/current", null).statusCode());
        assertEquals(200, get("/time/current", good).statusCode());
    }

    @Test
    @Order(5)
    void users_anotherUsersRecordIs404_andAdminRoutesAre403ForUsers() throws Exception {
        String alice = register();
        String bob = register();
        String aliceToken = signIn(alice, PASSWORD).get("access_token").asText();
        String bobId = JSON.readTree(get("/users/me", signIn(bob, PASSWORD).get("access_token").asText()).body()).get("id").asText();

        assertEquals(404, get("/users/" + bobId, aliceToken).statusCode());
        assertEquals(403, get("/users", aliceToken).statusCode());
        assertEquals(403, send("PATCH", "/users/" + bobId, "{\"roles\":[\"admin\"]}", aliceToken).statusCode());

        String adminToken = adminToken();
        assertEquals(200, get("/users/" + bobId, adminToken).statusCode());
        HttpResponse<String> list = get("/users?limit=1", adminToken);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(1, JSON.readTree(list.body()).get("items").size());
    }

    @Test
    @Order(6)
    void badInput_isAProblemWithTheRightStatus() throws Exception {
        HttpResponse<String> malformed = postJson("/auth/register", "{\"email\": ", null);
        assertProblem(malformed, 400);
        HttpResponse<String> wrongTypes = postJson("/auth/register", "{\"email\": 42, \"password\": true}", null);
        assertProblem(wrongTypes, 422);
        String twoMiB = "{\"email\":\"x@example.com\",\"password\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(postJson("/auth/register", twoMiB, null), 413);
        assertProblem(send("DELETE", "/auth/register", null, null), 405);
    }

    @Test
    @Order(7)
    void documentation_isServedAndListsEveryGroup() throws Exception {
        HttpResponse<String> openApi = get("/openapi.yaml", null);
        assertEquals(200, openApi.statusCode());
        for (String path : List.of("/auth/register:", "/auth/token:", "/users/me:", "/users/{id}:", "/time/current:",
                "/time/epoch:", "/.well-known/jwks.json:", "/health/identity:", "/health/clock:")) {
            assertTrue(openApi.body().contains(path), "openapi.yaml lacks " + path);
        }
        HttpResponse<String> docs = get("/docs", null);
        assertEquals(200, docs.statusCode());
        assertTrue(docs.body().toLowerCase().contains("swagger"), docs.body());
        assertEquals(200, get("/health/identity", null).statusCode());
        assertEquals(200, get("/health/clock", null).statusCode());
    }

    @Test
    @Order(8)
    void everyOperationOfEveryFunctionsOpenApi_isRoutedByTheGateway() throws Exception {
        JsonNode paths = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(get("/openapi.yaml", null).body()).get("paths");
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) paths::fields) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (var method : (Iterable<String>) path.getValue()::fieldNames) {
                if (!List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    continue;
                }
                operations++;
                HttpResponse<String> response = send(method.toUpperCase(), concrete, method.equals("get") || method.equals("delete") ? null : "{}", null);
                // The gateway's own "no route" answer; anything else (401 from the authorizer, the function's
                // 4xx) means the route reached its function.
                boolean unrouted = response.statusCode() == 404 && response.body().equals("{\"message\":\"Not Found\"}");
                assertTrue(!unrouted, method.toUpperCase() + " " + path.getKey() + " is not routed");
            }
        }
        assertTrue(operations >= 17, "expected the 14 identity and 3 clock operations, saw " + operations);
    }

    @Test
    @Order(9)
    void healthIdentity_returns503WhilePostgresIsDown_andRecoversByItself() {
        assertEquals(200, get("/health/identity", null).statusCode());
        // WHEN the database goes away
        runtime.postgres().stop();
        try {
            HttpResponse<String> down = get("/health/identity", null);
            // THEN identity says so, naming the store, and the clock (no store) is unaffected
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"postgres\":\"DOWN\""), down.body());
            assertEquals(200, get("/health/clock", null).statusCode());
        } finally {
            runtime.postgres().start();
        }
        // AND once it is back, the same function instance answers UP again without a restart
        assertEquals(200, get("/health/identity", null).statusCode());
    }

    @Test
    @Order(10)
    void restart_keepsTheDataOfThePreviousRun() throws Exception {
        String email = register();
        restartRuntime();
        assertEquals(200, get("/users/me", signIn(email, PASSWORD).get("access_token").asText()).statusCode());
    }

    @Test
    @Order(11)
    void restart_skipsFlywayOnACurrentSchema_andRefusesToServeOneWhoseAppliedMigrationWasEdited() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream functionOutput = new ByteArrayOutputStream();
        System.setOut(new PrintStream(functionOutput, true, StandardCharsets.UTF_8));
        try {
            // GIVEN identity's schema, migrated by the earlier runs
            // WHEN the runtime restarts and identity cold-starts on it
            restartRuntime();
            assertEquals(200, get("/health/identity", null).statusCode());
            // THEN its artifact found the schema current and never started Flyway
            assertTrue(functionOutput.toString(StandardCharsets.UTF_8)
                    .contains("Schema identity is current with this artifact's migrations; Flyway not started"));

            // GIVEN an applied migration whose checksum no longer matches the artifact's script
            changeChecksumOfIdentityV1(1);
            functionOutput.reset();
            // WHEN identity cold-starts again
            restartRuntime();
            HttpResponse<String> refused = get("/health/identity", null);
            // THEN its init fails with Flyway's validation error (not a missing class of the leaner artifact), and
            // nothing is served from a schema that does not match the code
            assertEquals(500, refused.statusCode(), refused.body());
            String output = functionOutput.toString(StandardCharsets.UTF_8);
            assertTrue(output.contains("db/migration/V1__create_identity.sql differs from the applied version 1"), output);
            assertTrue(output.contains("checksum mismatch"), output);
        } finally {
            System.setOut(stdout);
            changeChecksumOfIdentityV1(-1);
            restartRuntime();
        }
        assertEquals(200, get("/health/identity", null).statusCode());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static void restartRuntime() throws Exception {
        runtime.close();
        runtime = LocalRuntime.start(config());
        api = new ApiClient(runtime.baseUri());
    }

    private static void changeChecksumOfIdentityV1(int by) throws Exception {
        try (Connection connection = DriverManager.getConnection(runtime.postgres().jdbcUrl(), PostgresStore.USER,
                PostgresStore.PASSWORD);
             Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate(
                    "UPDATE identity.flyway_schema_history SET checksum = checksum + " + by + " WHERE version = '1'"));
        }
    }

    private static String register() throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = postJson("/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(201, response.statusCode(), response.body());
        return email;
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> response = postJson("/auth/register",
                "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertTrue(response.statusCode() == 201 || response.statusCode() == 409, response.body());
        return signIn(ADMIN_EMAIL, PASSWORD).get("access_token").asText();
    }

    private static JsonNode signIn(String email, String password) throws Exception {
        HttpResponse<String> response = postJson("/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static RSAKey signingKey() throws Exception {
        String pem = Files.readString(dataDir.resolve("secrets/jwt-signing-key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var privateKey = (java.security.interfaces.RSAPrivateCrtKey) java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        var publicKey = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes()) + "." + parts[2];
    }

    private static HttpResponse<String> get(String path, String token) {
        return api.get(path, token);
    }

    private static HttpResponse<String> postJson(String path, String body, String token) {
        return api.postJson(path, body, token);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) {
        return api.send(method, path, body, token);
    }
}
