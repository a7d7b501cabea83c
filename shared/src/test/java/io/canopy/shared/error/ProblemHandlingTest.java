package io.canopy.shared.error;

import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error, whoever raises it, answers problem+json with the status the contract names. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemHandlingTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("spec.name", "ProblemHandlingTest",
                JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
    }

    @Test
    void post_returns201_whenBodyIsValid() {
        var response = post("{\"display_name\":\"a\",\"count\":2,\"birth_date\":\"2000-01-02\"}", "application/json");
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"display_name\":\"a\""), response.body());
    }

    @Test
    void post_returns422NamingTheField_whenStringHasControlCharacters() {
        for (String control : new String[] {"\\u0000", "\\u0007", "\\u001b[31m", "\\u007f"}) {
            var response = post("{\"display_name\":\"a" + control + "b\",\"count\":1}", "application/json");
            assertProblem(response, 422);
            assertTrue(response.body().contains("\"field\":\"display_name\""), response.body());
        }
        // tab, line feed and carriage return are text
        assertEquals(201, post("{\"display_name\":\"a\\tb\\nc\\r\",\"count\":1}", "application/json").statusCode());
    }

    @Test
    void post_returns422NamingTheField_whenDateIsANumberOrNotIso() {
        for (String date : new String[] {"12345", "\"22/11/2026\"", "true"}) {
            var response = post("{\"display_name\":\"a\",\"count\":1,\"birth_date\":" + date + "}", "application/json");
            assertProblem(response, 422);
            assertTrue(response.body().contains("\"field\":\"birth_date\""), response.body());
        }
    }

    @Test
    void post_returns422NamingTheField_whenIntegerIsAStringFractionOrHuge() {
        for (String count : new String[] {"\"1\"", "1.0", "1.5", "1e400", "123456789012345678901234567890"}) {
            var response = post("{\"display_name\":\"a\",\"count\":" + count + "}", "application/json");
            assertProblem(response, 422);
            assertTrue(response.body().contains("\"field\":\"count\""), count + " " + response.body());
        }
    }

    @Test
    void post_returns400_whenAKeyIsRepeated() {
        assertProblem(post("{\"display_name\":\"a\",\"display_name\":\"b\",\"count\":1}", "application/json"), 400);
    }

    @Test
    void post_returns400_whenBodyIsMalformedJson() {
        assertProblem(post("{\"display_name\":", "application/json"), 400);
        assertProblem(post("not json", "application/json"), 400);
    }

    @Test
    void post_returns400_whenJsonIsNotAnObject() {
        assertProblem(post("[1,2]", "application/json"), 400);
        assertProblem(post("42", "application/json"), 400);
    }

    @Test
    void post_returns400_whenBodyIsEmpty() {
        assertProblem(post("", "application/json"), 400);
    }

    @Test
    void post_returns422NamingTheField_whenFieldHasWrongType() {
        var response = post("{\"display_name\":\"a\",\"count\":\"many\"}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"count\""), response.body());
    }

    @Test
    void post_returns422NamingTheField_whenStringFieldGetsANumberOrBoolean() {
        var number = post("{\"display_name\":42,\"count\":1}", "application/json");
        assertProblem(number, 422);
        assertTrue(number.body().contains("\"field\":\"display_name\""), number.body());
        assertProblem(post("{\"display_name\":true,\"count\":1}", "application/json"), 422);
        assertProblem(post("{\"display_name\":{\"a\":1},\"count\":1}", "application/json"), 422);
    }

    @Test
    void post_returns422_whenDateIsMalformed() {
        var response = post("{\"display_name\":\"a\",\"count\":1,\"birth_date\":\"yesterday\"}", "application/json");
        assertProblem(response, 422);
    }

    @Test
    void post_returns422NamingTheField_whenFieldIsUnknown() {
        var response = post("{\"display_name\":\"a\",\"count\":1,\"roles\":[\"admin\"]}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"roles\""), response.body());
    }

    @Test
    void post_returns422WithSnakeCaseFields_whenConstraintsAreViolated() {
        var response = post("{\"display_name\":\"\",\"count\":9,\"items\":[{\"product\":\"\",\"quantity\":1}]}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"display_name\""), response.body());
        assertTrue(response.body().contains("\"field\":\"count\""), response.body());
        assertTrue(response.body().contains("\"field\":\"items[0].product\""), response.body());
    }

    @Test
    void post_returns422_whenRequiredFieldIsMissing() {
        var response = post("{\"count\":1}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"display_name\""), response.body());
    }

    @Test
    void get_returns422_whenQueryParameterIsMissingOrHasWrongType() {
        assertProblem(get("/things/count?limit=abc", null), 422);
        assertProblem(get("/things/count", null), 422);
        assertEquals(200, get("/things/count?limit=3", null).statusCode());
    }

    @Test
    void post_returns415_whenContentTypeIsNotJson() {
        assertProblem(post("display_name=a", "text/plain"), 415);
    }

    @Test
    void request_returns405or404_whenMethodOrPathIsUnknown() {
        assertProblem(api.send("DELETE", "/things/count?limit=1", null, null), 405);
        assertProblem(get("/nothing-here", null), 404);
    }

    @Test
    void get_returns401WithBearerChallenge_whenTokenIsMissing() {
        var response = get("/things/mine", null);
        assertProblem(response, 401);
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void get_identifiesTheCaller_whenTokenIsValid() {
        UUID id = UUID.randomUUID();
        var response = get("/things/mine", TestTokens.user(id));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(id.toString(), response.body());
    }

    @Test
    void get_returns401_whenTokenIsForgedUnsignedExpiredEarlyOrForAnotherAudienceOrIssuer() {
        UUID id = UUID.randomUUID();
        assertProblem(get("/things/mine", TestTokens.builder(id).signedByUnknownKey().sign()), 401);
        assertProblem(get("/things/mine", TestTokens.builder(id).unsigned()), 401);
        assertProblem(get("/things/mine", TestTokens.builder(id).expiresAt(Instant.now().minusSeconds(120)).sign()), 401);
        assertProblem(get("/things/mine", TestTokens.builder(id).notBefore(Instant.now().plusSeconds(3600)).sign()), 401);
        assertProblem(get("/things/mine", TestTokens.builder(id).audience("someone-else").sign()), 401);
        assertProblem(get("/things/mine", TestTokens.builder(id).issuer("https://evil.example").sign()), 401);
        assertProblem(get("/things/mine", "not.a.jwt"), 401);
    }

    @Test
    void get_returns401SayingWhatIsWrong_withTheBearerChallenge() {
        UUID id = UUID.randomUUID();
        var expired = get("/things/mine", TestTokens.builder(id).expiresAt(Instant.now().minusSeconds(120)).sign());
        assertProblem(expired, 401);
        assertTrue(expired.body().contains("\"detail\":\"The bearer token has expired.\""), expired.body());
        assertEquals("Bearer", expired.headers().firstValue("WWW-Authenticate").orElse(""));
        // AND another scheme is no bearer token
        var basic = api.send("GET", "/things/mine", null, null, "Authorization", "Basic YWxpY2U6c2VjcmV0");
        assertProblem(basic, 401);
        assertTrue(basic.body().contains("\"detail\":\"A valid bearer token is required.\""), basic.body());
    }

    @Test
    void anonymousRoutes_ignoreAnyToken() {
        assertEquals(200, get("/things/count?limit=1", "not.a.jwt").statusCode());
        assertEquals(200, get("/things/count?limit=1", TestTokens.builder(UUID.randomUUID()).signedByUnknownKey().sign()).statusCode());
    }

    @Test
    void get_returns401_whenOnlyTheGatewayIdentityHeaderIsSent() {
        assertProblem(api.send("GET", "/things/mine", null, null, "x-amzn-oidc-identity", UUID.randomUUID().toString()), 401);
    }

    @Test
    void get_returns403_whenTokenLacksPermissionOrRole() {
        UUID id = UUID.randomUUID();
        assertProblem(get("/things/timed", TestTokens.builder(id).permissions().sign()), 403);
        assertEquals(200, get("/things/timed", TestTokens.user(id)).statusCode());
        assertProblem(get("/things/admin", TestTokens.user(id)), 403);
        assertEquals(200, get("/things/admin", TestTokens.admin(id)).statusCode());
    }

    @Test
    void get_returns500WithoutInternals_whenControllerFails() {
        var response = get("/things/boom", null);
        assertProblem(response, 500);
        assertFalse(response.body().contains("hunter2"), response.body());
        assertFalse(response.body().contains("SELECT"), response.body());
    }

    @Test
    void get_returns503WithRetryAfter_whenAStoreIsUnavailable() {
        for (String path : new String[] {"/things/database-down", "/things/dynamodb-down", "/things/dynamodb-error"}) {
            var response = get(path, null);
            assertProblem(response, 503);
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(null), path);
            assertTrue(response.body().contains("unavailable"), response.body());
            assertFalse(response.body().contains("hunter2"), response.body());
        }
    }

    private HttpResponse<String> post(String body, String contentType) {
        return api.send(api.request("/things", null).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path, String token) {
        return api.get(path, token);
    }
}
