package io.canopy.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.canopy.testsupport.LambdaEvents;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed handler, {@link HttpApiFunction}, driven with HTTP API payload 2.0 events from
 * {@code events/*.json}, as Lambda drives it: event mapping, base64 form bodies, headers, status and JWT checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityHandlerTest {

    private HttpApiFunction handler;
    private JsonMapper json;
    private String accessToken;

    @BeforeAll
    void startHandler() {
        handler = new HttpApiFunction(ApplicationContext.builder().properties(new HashMap<>(IdentityTestSetup.properties())).build());
        json = handler.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    void stopHandler() {
        handler.close();
    }

    @Test
    @Order(1)
    void register_returns201WithLocation_whenEventCarriesJsonBody() throws IOException {
        // GIVEN a payload 2.0 POST /auth/register event
        APIGatewayV2HTTPEvent event = event("register.json");
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN 201, Location and the normalized user
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode user = tree(response);
        assertEquals("handler@example.com", user.get("email").getStringValue());
        assertEquals("/users/" + user.get("id").getStringValue(), LambdaEvents.header(response, "Location"));
        assertEquals("req-register", LambdaEvents.header(response, "X-Request-Id"));
    }

    @Test
    @Order(2)
    void token_returns200_whenFormBodyIsBase64Encoded() throws IOException {
        // GIVEN the OAuth2 password form, base64-encoded by API Gateway (isBase64Encoded=true)
        APIGatewayV2HTTPEvent event = event("token-form-base64.json");
        assertTrue(event.getIsBase64Encoded());
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN a token pair, not cacheable
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("no-store", LambdaEvents.header(response, "Cache-Control"));
        JsonNode body = tree(response);
        assertEquals("Bearer", body.get("token_type").getStringValue());
        accessToken = body.get("access_token").getStringValue();
        assertNotNull(accessToken);
    }

    @Test
    @Order(3)
    void getMe_returns200WithEtag_whenBearerTokenIsValid() throws IOException {
        // GIVEN GET /users/me with the token from the previous sign-in
        APIGatewayV2HTTPEvent event = event("users-me.json");
        event.getHeaders().put("authorization", "Bearer " + accessToken);
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN the account, with an ETag, and no password hash
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("handler@example.com", tree(response).get("email").getStringValue());
        assertEquals("\"0\"", LambdaEvents.header(response, "ETag"));
        assertFalse(response.getBody().contains("$2a$"));
    }

    @Test
    @Order(4)
    void valid_returns200_whenTokenHoldsPermissionInQuery() throws IOException {
        APIGatewayV2HTTPEvent event = event("valid.json");
        event.getHeaders().put("authorization", "Bearer " + accessToken);
        APIGatewayV2HTTPResponse response = handle(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("{\"resource\":\"time\",\"allowed\":true}", response.getBody());
    }

    @Test
    @Order(5)
    void getMe_returns401_whenOnlyGatewayClaimsAndIdentityHeaderArePresent() throws IOException {
        // GIVEN an event with gateway JWT claims and an x-amzn-oidc-identity header, but no bearer token
        APIGatewayV2HTTPEvent event = event("users-me-gateway-identity-only.json");
        // WHEN the handler runs it
        APIGatewayV2HTTPResponse response = handle(event);
        // THEN 401 problem+json: identity comes only from a token the function verified itself
        assertEquals(401, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(response, "Content-Type"));
        assertEquals("Bearer", LambdaEvents.header(response, "WWW-Authenticate"));
    }

    @Test
    @Order(6)
    void jwks_returnsPublicKey_anonymously() throws IOException {
        APIGatewayV2HTTPResponse response = handle(event("jwks.json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode key = tree(response).get("keys").get(0);
        assertEquals(IdentityKeys.key().getKeyID(), key.get("kid").getStringValue());
        assertTrue(key.get("d") == null);
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new MockLambdaContext());
    }

    private APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture events/" + name);
            }
            APIGatewayV2HTTPEvent event = json.readValue(in, APIGatewayV2HTTPEvent.class);
            if (event.getHeaders() != null) {
                event.setHeaders(new HashMap<>(event.getHeaders()));
            }
            return event;
        }
    }

    private JsonNode tree(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
