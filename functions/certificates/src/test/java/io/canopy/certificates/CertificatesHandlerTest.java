package io.canopy.certificates;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.LambdaEvents;
import io.canopy.testsupport.TestPostgres;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed handler, {@link HttpApiFunction}, fed HTTP API payload 2.0 events from
 * {@code events/*.json} the way Lambda's runtime decodes them: JSON and base64 bodies, path and query parameters,
 * the bearer token, status, headers and problem bodies. Embedded PostgreSQL, a local master key file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificatesHandlerTest {

    /** The key inside {@code create-certificate-base64.json}: bytes 0..47. */
    private static final String FIXTURE_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v";

    private HttpApiFunction handler;
    private JsonMapper json;

    @BeforeAll
    void startHandler() {
        Map<String, Object> properties = new HashMap<>(TestPostgres.newDatabase());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.master-key-file", MasterKeyFiles.create().toString());
        handler = new HttpApiFunction(ApplicationContext.builder().properties(properties).build());
        json = handler.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    void stopHandler() {
        handler.close();
    }

    @Test
    void create_returns201WithLocationAndNoKey_whenEventCarriesJsonBody() {
        // GIVEN a POST /users/me/certificates event with a random key
        UUID user = UUID.randomUUID();
        String key = Base64.getEncoder().encodeToString(random(256));
        APIGatewayV2HTTPEvent event = LambdaEvents.load("events/create-certificate.json", Map.of("TOKEN", TestTokens.user(user), "KEY", key));
        // WHEN the Lambda handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN 201 with Location, ETag and the request id, and the body has everything but the key
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = tree(response);
        assertEquals(user.toString(), body.get("user_id").getStringValue());
        assertTrue(body.get("active").getBooleanValue());
        assertEquals("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", body.get("body").getStringValue());
        assertEquals("/users/" + user + "/certificates/" + body.get("id").getStringValue(), LambdaEvents.header(response, "Location"));
        assertEquals("\"1\"", LambdaEvents.header(response, "ETag"));
        assertEquals("certificates-request-1", LambdaEvents.header(response, "X-Request-Id"));
        assertFalse(response.getBody().contains("private_key") || response.getBody().contains(key.substring(0, 24)), response.getBody());
    }

    @Test
    void privateKey_returnsTheKeyNoStore_whenCreatedFromABase64EncodedEvent() {
        // GIVEN a certificate created from an event whose body API Gateway base64-encoded
        String token = TestTokens.user(UUID.randomUUID());
        APIGatewayV2HTTPEvent create = LambdaEvents.load("events/create-certificate-base64.json", Map.of("TOKEN", token));
        assertTrue(create.getIsBase64Encoded());
        APIGatewayV2HTTPResponse created = handle(create);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = tree(created).get("id").getStringValue();
        // WHEN its owner asks for the private key
        APIGatewayV2HTTPResponse response = handle(LambdaEvents.load("events/private-key.json", Map.of("TOKEN", token, "ID", id)));
        // THEN the very key that was sent, not cacheable
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(FIXTURE_KEY, tree(response).get("private_key").getStringValue());
        assertEquals("no-store", LambdaEvents.header(response, "Cache-Control"));
    }

    @Test
    void privateKey_returns404Problem_whenAnotherUserAsks() {
        // GIVEN a certificate of one user
        String owner = TestTokens.user(UUID.randomUUID());
        String id = tree(handle(LambdaEvents.load("events/create-certificate.json",
                Map.of("TOKEN", owner, "KEY", Base64.getEncoder().encodeToString(random(32)))))).get("id").getStringValue();
        // WHEN another user asks for its key (their own "me" path)
        APIGatewayV2HTTPResponse response = handle(LambdaEvents.load("events/private-key.json",
                Map.of("TOKEN", TestTokens.user(UUID.randomUUID()), "ID", id)));
        // THEN 404 problem, as for a certificate that does not exist
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(response, "Content-Type"));
    }

    @Test
    void list_returns422Problem_whenActiveQueryIsNotABoolean() {
        // GIVEN GET /users/me/certificates?active=abc
        APIGatewayV2HTTPEvent event = LambdaEvents.load("events/list-active-abc.json", Map.of("TOKEN", TestTokens.user(UUID.randomUUID())));
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN a 422 problem naming the parameter
        assertEquals(422, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(response, "Content-Type"));
        assertEquals("active", tree(response).get("errors").get(0).get("field").getStringValue());
    }

    @Test
    void list_returns401_whenTheEventCarriesNoValidToken() {
        // GIVEN an event whose bearer token is not a signed JWT
        APIGatewayV2HTTPEvent event = LambdaEvents.load("events/list-active-abc.json", Map.of("TOKEN", "not-a-token"));
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN 401 with the Bearer challenge
        assertEquals(401, response.getStatusCode(), response.getBody());
        assertEquals("Bearer", LambdaEvents.header(response, "WWW-Authenticate"));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new MockLambdaContext());
    }

    private JsonNode tree(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(response.getBody(), e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
