package io.canopy.identity.api;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.identity.IdentityKeys;
import io.canopy.identity.IdentityTestSetup;
import io.canopy.testsupport.TestTokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.canopy.identity.api.Http.PASSWORD;
import static io.canopy.identity.api.Http.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /auth/* and /.well-known/* through HTTP, on a real PostgreSQL, with tokens from the real endpoints. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private Http http;

    @Override
    public Map<String, String> getProperties() {
        return IdentityTestSetup.properties();
    }

    @BeforeAll
    void client() {
        http = new Http(server.getURL().toString(), json);
    }

    private static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void register_returns201WithLocationAndUser_whenBodyIsValid() {
        // GIVEN a new address in mixed case with spaces
        String email = email("Ada.Lovelace");
        // WHEN registering
        var response = http.post("/auth/register", "{\"email\":\"  " + email.toUpperCase() + " \",\"password\":\"" + PASSWORD
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"birth_date\":\"1815-12-10\"}", null);
        // THEN 201 with Location, ETag and the normalized user, without any password hash
        assertEquals(201, response.statusCode(), response.body());
        JsonNode user = http.tree(response);
        String id = user.get("id").getStringValue();
        assertEquals("/users/" + id, response.headers().firstValue("Location").orElse(""));
        assertEquals("\"0\"", response.headers().firstValue("ETag").orElse(""));
        assertEquals(email.toLowerCase(), user.get("email").getStringValue());
        assertEquals("Ada", user.get("first_name").getStringValue());
        assertEquals("1815-12-10", user.get("birth_date").getStringValue());
        assertEquals(List.of("user"), strings(user.get("roles")));
        assertEquals(List.of("time"), strings(user.get("permissions")));
        assertTrue(user.get("created_at").getStringValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), response.body());
        assertFalse(response.body().contains("password"), response.body());
        assertFalse(response.body().contains("$2a$"), response.body());
    }

    @Test
    void register_returnsNullFields_whenOptionalFieldsAreAbsent() {
        // GIVEN / WHEN a registration with email and password only
        var response = http.post("/auth/register", "{\"email\":\"" + email("min") + "\",\"password\":\"" + PASSWORD + "\"}", null);
        // THEN the optional fields are present as null
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"first_name\":null"), response.body());
        assertTrue(response.body().contains("\"birth_date\":null"), response.body());
    }

    @Test
    void register_returns409_whenEmailIsTakenInAnotherCase() {
        // GIVEN a registered user
        String email = email("dup");
        http.register(email);
        // WHEN the same address registers again in upper case
        var response = http.post("/auth/register", "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}", null);
        // THEN 409
        assertProblem(response, 409);
    }

    @Test
    void register_returns422NamingFields_whenEmailMalformedAndPasswordShort() {
        // WHEN the email has no domain and the password is 7 characters
        var response = http.post("/auth/register", "{\"email\":\"not-an-email\",\"password\":\"1234567\"}", null);
        // THEN 422 naming both
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"email\""), response.body());
        assertTrue(response.body().contains("\"field\":\"password\""), response.body());
    }

    @Test
    void register_returns422_whenPasswordLongerThan128OrBirthDateInFuture() {
        // WHEN the password has 129 characters and the birth date is tomorrow
        var response = http.post("/auth/register", "{\"email\":\"" + email("long") + "\",\"password\":\"" + "x".repeat(129)
                + "\",\"birth_date\":\"" + java.time.LocalDate.now().plusDays(1) + "\"}", null);
        // THEN 422 naming both
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"password\""), response.body());
        assertTrue(response.body().contains("\"field\":\"birth_date\""), response.body());
    }

    @Test
    void register_returns422_whenFieldHasWrongTypeOrIsUnknown() {
        // WHEN birth_date is not a date, or the client tries to grant itself roles
        var wrongType = http.post("/auth/register", "{\"email\":\"" + email("t") + "\",\"password\":\"" + PASSWORD + "\",\"birth_date\":\"soon\"}", null);
        var massAssignment = http.post("/auth/register", "{\"email\":\"" + email("t") + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}", null);
        // THEN 422 naming the field
        assertProblem(wrongType, 422);
        assertTrue(wrongType.body().contains("\"field\":\"birth_date\""), wrongType.body());
        assertProblem(massAssignment, 422);
        assertTrue(massAssignment.body().contains("\"field\":\"roles\""), massAssignment.body());
    }

    @Test
    void register_returns400_whenBodyIsMalformedJson() {
        // WHEN the body is cut off
        var response = http.post("/auth/register", "{\"email\":", null);
        // THEN 400
        assertProblem(response, 400);
    }

    @Test
    void register_grantsAdmin_whenEmailIsConfiguredAsAdmin() {
        // GIVEN canopy.identity.admin-emails lists admin@example.com
        // WHEN that address registers
        var response = http.post("/auth/register", "{\"email\":\"" + IdentityTestSetup.ADMIN_EMAIL.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}", null);
        // THEN it is an admin
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(List.of("admin", "user"), strings(http.tree(response).get("roles")));
    }

    @Test
    void token_returns200WithSignedBearerPair_whenJsonCredentialsAreRight() throws Exception {
        // GIVEN a registered user
        String email = email("sign");
        UUID id = http.register(email);
        // WHEN signing in with JSON (email in another case)
        var response = http.post("/auth/token", "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}", null);
        // THEN a Bearer pair, not cacheable, whose access token carries the contract's claims and the JWKS kid
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = http.tree(response);
        assertEquals("Bearer", body.get("token_type").getStringValue());
        assertEquals(900, body.get("expires_in").getIntValue());
        assertTrue(body.get("refresh_token").getStringValue().matches("[A-Za-z0-9_-]{43}"), response.body());
        SignedJWT jwt = SignedJWT.parse(body.get("access_token").getStringValue());
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        String kid = http.tree(http.get("/.well-known/jwks.json", null)).get("keys").get(0).get("kid").getStringValue();
        assertEquals(kid, jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(IdentityTestSetup.ISSUER, claims.getIssuer());
        assertEquals(List.of("canopy"), claims.getAudience());
        assertEquals(id.toString(), claims.getSubject());
        assertEquals(email, claims.getStringClaim("email"));
        assertEquals(List.of("user"), claims.getStringListClaim("roles"));
        assertEquals(List.of("time"), claims.getStringListClaim("permissions"));
        assertTrue(claims.getJWTID() != null && claims.getIssueTime() != null && claims.getNotBeforeTime() != null);
        assertEquals(900_000, claims.getExpirationTime().getTime() - claims.getIssueTime().getTime());
    }

    @Test
    void token_returns200_whenOAuth2PasswordFormIsPosted() {
        // GIVEN a registered user
        String email = email("form");
        http.register(email);
        // WHEN Swagger UI posts the OAuth2 password grant as a form
        var response = http.postForm("/auth/token", Map.of("grant_type", "password", "username", email, "password", PASSWORD, "scope", ""));
        // THEN a token pair
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Bearer", http.tree(response).get("token_type").getStringValue());
    }

    @Test
    void token_returns422_whenFormLacksPasswordOrGrantTypeIsUnknown() {
        // WHEN the form has no password, or an unsupported grant
        var missing = http.postForm("/auth/token", Map.of("username", email("f")));
        var unknownGrant = http.postForm("/auth/token", Map.of("grant_type", "client_credentials"));
        // THEN 422 naming the field
        assertProblem(missing, 422);
        assertTrue(missing.body().contains("\"field\":\"password\""), missing.body());
        assertProblem(unknownGrant, 422);
        assertTrue(unknownGrant.body().contains("\"field\":\"grant_type\""), unknownGrant.body());
    }

    @Test
    void token_returnsIdentical401_whenPasswordIsWrongOrEmailUnknown() {
        // GIVEN a registered user
        String email = email("wrong");
        http.register(email);
        // WHEN signing in with a wrong password, and with an unknown email
        var wrongPassword = http.post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"wrong password\"}", null);
        var unknownEmail = http.post("/auth/token", "{\"email\":\"" + email("nobody") + "\",\"password\":\"wrong password\"}", null);
        // THEN the same 401 answer
        assertProblem(wrongPassword, 401);
        assertEquals(wrongPassword.body(), unknownEmail.body());
        assertEquals(wrongPassword.statusCode(), unknownEmail.statusCode());
        assertEquals("Bearer", unknownEmail.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void token_returns429WithRetryAfter_whenFiveAttemptsFailedWithin15Minutes() {
        // GIVEN five failed sign-ins for one registered email
        String email = email("throttle");
        http.register(email);
        for (int i = 0; i < 5; i++) {
            assertProblem(http.post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"guess " + i + "\"}", null), 401);
        }
        // WHEN the sixth attempt comes, even with the right password
        var response = http.post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        // THEN 429 with Retry-After, and other emails are unaffected
        assertProblem(response, 429);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter > 800 && retryAfter <= 901, "Retry-After " + retryAfter);
        String other = email("other");
        http.register(other);
        http.signIn(other, PASSWORD);
    }

    @Test
    void token_returns429_whenUnknownEmailFailedFiveTimes() {
        // GIVEN five failures for an address nobody registered
        String nobody = email("ghost");
        for (int i = 0; i < 5; i++) {
            assertProblem(http.post("/auth/token", "{\"email\":\"" + nobody + "\",\"password\":\"guess\"}", null), 401);
        }
        // WHEN trying again
        var response = http.post("/auth/token", "{\"email\":\"" + nobody + "\",\"password\":\"guess\"}", null);
        // THEN it is throttled like a real account (no enumeration)
        assertProblem(response, 429);
    }

    @Test
    void refresh_returnsNewPair_andSpentTokenIsRejected() {
        // GIVEN a token pair
        String email = email("rotate");
        http.register(email);
        String first = http.signIn(email, PASSWORD).get("refresh_token").getStringValue();
        // WHEN refreshing
        var rotated = http.post("/auth/refresh", "{\"refresh_token\":\"" + first + "\"}", null);
        // THEN a new pair with a different refresh token
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = http.tree(rotated).get("refresh_token").getStringValue();
        assertNotEquals(first, second);
        assertEquals("no-store", rotated.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, http.get("/users/me", http.tree(rotated).get("access_token").getStringValue()).statusCode());
    }

    @Test
    void refresh_returns401AndRevokesFamily_whenSpentTokenIsReused() {
        // GIVEN a refresh token that was already exchanged for a second one
        String email = email("reuse");
        http.register(email);
        String first = http.signIn(email, PASSWORD).get("refresh_token").getStringValue();
        String second = http.tree(http.post("/auth/refresh", "{\"refresh_token\":\"" + first + "\"}", null)).get("refresh_token").getStringValue();
        // WHEN the first one is presented again
        var reuse = http.post("/auth/refresh", "{\"refresh_token\":\"" + first + "\"}", null);
        // THEN 401, and the whole family (the second token too) is revoked
        assertProblem(reuse, 401);
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"" + second + "\"}", null), 401);
    }

    @Test
    void tokenForm_returns200_whenRefreshTokenGrant() {
        // GIVEN a refresh token
        String email = email("grant");
        http.register(email);
        String refresh = http.signIn(email, PASSWORD).get("refresh_token").getStringValue();
        // WHEN exchanging it with grant_type=refresh_token at the token endpoint
        var response = http.postForm("/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        // THEN a new pair
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void refresh_returns401_whenTokenIsUnknownAnd422WhenMissing() {
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"bm90LWEtdG9rZW4\"}", null), 401);
        assertProblem(http.post("/auth/refresh", "{}", null), 422);
    }

    @Test
    void valid_returns200_whenTokenHoldsPermission() {
        // GIVEN a new user's token (permission time)
        String token = http.newUserToken("valid");
        // WHEN asking about time
        var response = http.get("/auth/valid?resource=time", token);
        // THEN allowed
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"resource\":\"time\",\"allowed\":true}", response.body());
    }

    @Test
    void valid_returns403_whenTokenLacksPermission_and422WhenResourceMissing_and401WithoutToken() {
        String token = http.newUserToken("valid");
        assertProblem(http.get("/auth/valid?resource=carbon", token), 403);
        assertProblem(http.get("/auth/valid", token), 422);
        assertProblem(http.get("/auth/valid?resource=time", null), 401);
    }

    @Test
    void protectedEndpoints_return401_whenTokenIsForgedExpiredUnsignedOrForeign() {
        // GIVEN a real user
        String email = email("forged");
        UUID id = http.register(email);
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().issuer(IdentityTestSetup.ISSUER).audience("canopy")
                .subject(id.toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("user")).claim("permissions", List.of("time"));
        // WHEN tokens are signed by another key, unsigned, expired, for another audience or issuer, or garbage
        List<String> tokens = List.of(
                TestTokens.builder(id).signedByUnknownKey().sign(),
                TestTokens.builder(id).sign(),
                TestTokens.builder(id).unsigned(),
                IdentityKeys.sign(new JWTClaimsSet.Builder(valid.build()).expirationTime(Date.from(now.minusSeconds(120))).build()),
                IdentityKeys.sign(new JWTClaimsSet.Builder(valid.build()).audience("someone-else").build()),
                IdentityKeys.sign(new JWTClaimsSet.Builder(valid.build()).issuer("https://evil.example").build()),
                "not.a.jwt");
        // THEN every one is 401, while the well-formed token signed by identity's key passes
        for (String token : tokens) {
            assertProblem(http.get("/users/me", token), 401);
        }
        assertEquals(200, http.get("/users/me", IdentityKeys.sign(valid.build())).statusCode());
    }

    @Test
    void openIdConfiguration_returnsIssuerAndJwksUri_anonymouslyAndCacheable() {
        // WHEN reading the discovery document without a token
        var response = http.get("/.well-known/openid-configuration", null);
        // THEN it names the issuer, the JWKS and the token endpoint
        assertEquals(200, response.statusCode(), response.body());
        JsonNode doc = http.tree(response);
        assertEquals(IdentityTestSetup.ISSUER, doc.get("issuer").getStringValue());
        assertEquals(IdentityTestSetup.ISSUER + "/.well-known/jwks.json", doc.get("jwks_uri").getStringValue());
        assertEquals(IdentityTestSetup.ISSUER + "/auth/token", doc.get("token_endpoint").getStringValue());
        assertEquals(List.of("password", "refresh_token"), strings(doc.get("grant_types_supported")));
        assertEquals(List.of("RS256"), strings(doc.get("id_token_signing_alg_values_supported")));
        assertTrue(String.join(",", response.headers().allValues("Cache-Control")).contains("max-age=300"), response.headers().map().toString());
    }

    @Test
    void jwks_returnsOnlyThePublicKey_anonymously() throws Exception {
        // WHEN reading the JWKS without a token
        var response = http.get("/.well-known/jwks.json", null);
        // THEN one RSA signing key with kid = RFC 7638 thumbprint, and no private parts
        assertEquals(200, response.statusCode(), response.body());
        JsonNode key = http.tree(response).get("keys").get(0);
        assertEquals("RSA", key.get("kty").getStringValue());
        assertEquals("sig", key.get("use").getStringValue());
        assertEquals("RS256", key.get("alg").getStringValue());
        assertEquals(IdentityKeys.key().getKeyID(), key.get("kid").getStringValue());
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertTrue(key.get(privatePart) == null, "private part " + privatePart + " published");
        }
        assertTrue(String.join(",", response.headers().allValues("Cache-Control")).contains("max-age=300"), response.headers().map().toString());
    }

    @Test
    void health_returnsUpWithPostgres_anonymously() {
        var response = http.get("/health/identity", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"status\":\"UP\",\"checks\":{\"postgres\":\"UP\"}}", response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode value : array.values()) {
            values.add(value.getStringValue());
        }
        return values;
    }
}
