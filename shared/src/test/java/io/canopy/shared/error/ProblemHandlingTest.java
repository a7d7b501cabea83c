package io.canopy.shared.error;

import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error, whoever raises it, answers problem+json with the status the contract names. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemHandlingTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("spec.name", "ProblemHandlingTest",
                "micronaut.security.token.jwt.signatures.jwks.identity.url", JwksServer.url());
    }

    @Test
    void post_returns201_whenBodyIsValid() throws Exception {
        var response = post("{\"display_name\":\"a\",\"count\":2,\"birth_date\":\"2000-01-02\"}", "application/json");
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"display_name\":\"a\""), response.body());
    }

    @Test
    void post_returns400_whenBodyIsMalformedJson() throws Exception {
        assertProblem(post("{\"display_name\":", "application/json"), 400);
        assertProblem(post("not json", "application/json"), 400);
    }

    @Test
    void post_returns400_whenJsonIsNotAnObject() throws Exception {
        assertProblem(post("[1,2]", "application/json"), 400);
        assertProblem(post("42", "application/json"), 400);
    }

    @Test
    void post_returns400_whenBodyIsEmpty() throws Exception {
        assertProblem(post("", "application/json"), 400);
    }

    @Test
    void post_returns422NamingTheField_whenFieldHasWrongType() throws Exception {
        var response = post("{\"display_name\":\"a\",\"count\":\"many\"}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"count\""), response.body());
    }

    @Test
    void post_returns422NamingTheField_whenStringFieldGetsANumberOrBoolean() throws Exception {
        var number = post("{\"display_name\":42,\"count\":1}", "application/json");
        assertProblem(number, 422);
        assertTrue(number.body().contains("\"field\":\"display_name\""), number.body());
        assertProblem(post("{\"display_name\":true,\"count\":1}", "application/json"), 422);
        assertProblem(post("{\"display_name\":{\"a\":1},\"count\":1}", "application/json"), 422);
    }

    @Test
    void post_returns422_whenDateIsMalformed() throws Exception {
        var response = post("{\"display_name\":\"a\",\"count\":1,\"birth_date\":\"yesterday\"}", "application/json");
        assertProblem(response, 422);
    }

    @Test
    void post_returns422NamingTheField_whenFieldIsUnknown() throws Exception {
        var response = post("{\"display_name\":\"a\",\"count\":1,\"roles\":[\"admin\"]}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"roles\""), response.body());
    }

    @Test
    void post_returns422WithSnakeCaseFields_whenConstraintsAreViolated() throws Exception {
        var response = post("{\"display_name\":\"\",\"count\":9,\"items\":[{\"product\":\"\",\"quantity\":1}]}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"display_name\""), response.body());
        assertTrue(response.body().contains("\"field\":\"count\""), response.body());
        assertTrue(response.body().contains("\"field\":\"items[0].product\""), response.body());
    }

    @Test
    void post_returns422_whenRequiredFieldIsMissing() throws Exception {
        var response = post("{\"count\":1}", "application/json");
        assertProblem(response, 422);
        assertTrue(response.body().contains("\"field\":\"display_name\""), response.body());
    }

    @Test
    void get_returns422_whenQueryParameterIsMissingOrHasWrongType() throws Exception {
        assertProblem(get("/things/count?limit=abc", null), 422);
        assertProblem(get("/things/count", null), 422);
        assertEquals(200, get("/things/count?limit=3", null).statusCode());
    }

    @Test
    void post_returns415_whenContentTypeIsNotJson() throws Exception {
        assertProblem(post("display_name=a", "text/plain"), 415);
    }

    @Test
    void request_returns405or404_whenMethodOrPathIsUnknown() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/things/count?limit=1")).DELETE(), null), 405);
        assertProblem(get("/nothing-here", null), 404);
    }

    @Test
    void get_returns401WithBearerChallenge_whenTokenIsMissing() throws Exception {
        var response = get("/things/mine", null);
        assertProblem(response, 401);
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void get_identifiesTheCaller_whenTokenIsValid() throws Exception {
        UUID id = UUID.randomUUID();
        var response = get("/things/mine", TestTokens.user(id));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(id.toString(), response.body());
    }

    @Test
    void get_returns401_whenTokenIsForgedUnsignedExpiredEarlyOrForAnotherAudienceOrIssuer() throws Exception {
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
    void get_returns401_whenOnlyTheGatewayIdentityHeaderIsSent() throws Exception {
        var request = HttpRequest.newBuilder(uri("/things/mine")).header("x-amzn-oidc-identity", UUID.randomUUID().toString()).GET();
        assertProblem(send(request, null), 401);
    }

    @Test
    void get_returns403_whenTokenLacksPermissionOrRole() throws Exception {
        UUID id = UUID.randomUUID();
        assertProblem(get("/things/timed", TestTokens.builder(id).permissions().sign()), 403);
        assertEquals(200, get("/things/timed", TestTokens.user(id)).statusCode());
        assertProblem(get("/things/admin", TestTokens.user(id)), 403);
        assertEquals(200, get("/things/admin", TestTokens.admin(id)).statusCode());
    }

    @Test
    void get_returns500WithoutInternals_whenControllerFails() throws Exception {
        var response = get("/things/boom", null);
        assertProblem(response, 500);
        assertFalse(response.body().contains("hunter2"), response.body());
        assertFalse(response.body().contains("SELECT"), response.body());
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertTrue(response.body().contains("\"title\":"), response.body());
        assertFalse(response.body().contains("at io."), response.body());
    }

    private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/things")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), null);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.getURL() + path);
    }
}
