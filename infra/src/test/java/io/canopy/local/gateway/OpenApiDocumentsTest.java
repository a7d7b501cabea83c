package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.local.gateway.OpenApiDocuments.FunctionDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiDocumentsTest {

    private static final String IDENTITY = """
            openapi: 3.0.1
            info: {title: identity, version: "1.0"}
            security: [{bearerAuth: []}]
            tags: [{name: auth}, {name: users}]
            paths:
              /auth/token:
                post:
                  security: []
                  responses: {"200": {description: ok}}
              /users/me:
                get:
                  responses: {"200": {description: ok}}
              /auth/valid:
                get:
                  security: [{}, {bearerAuth: []}]
                  responses: {"200": {description: ok}}
            components:
              schemas:
                Problem: {type: object}
                User: {type: object}
              securitySchemes:
                bearerAuth: {type: http, scheme: bearer, bearerFormat: JWT}
                password:
                  type: oauth2
                  flows: {password: {tokenUrl: /auth/token, scopes: {}}}
            """;
    private static final String CLOCK = """
            openapi: 3.0.1
            info: {title: clock, version: "0.1"}
            tags: [{name: users}, {name: time}]
            paths:
              /time/current:
                get:
                  security: [{bearerAuth: []}]
                  responses: {"200": {description: ok}}
              /health/clock:
                get:
                  responses: {"200": {description: ok}}
            components:
              schemas:
                Problem: {type: object}
              securitySchemes:
                bearerAuth: {type: http, scheme: bearer, bearerFormat: JWT}
            """;

    @Test
    void routes_returnsEveryOperation_withAuthorizerOnlyWhereSecurityIsMandatory() throws Exception {
        // WHEN
        List<Route> routes = OpenApiDocuments.routes(documents());

        // THEN
        assertThat(routes).containsExactlyInAnyOrder(
                new Route("POST", "/auth/token", "identity", false),
                new Route("GET", "/users/me", "identity", true),
                new Route("GET", "/auth/valid", "identity", false),
                new Route("GET", "/time/current", "clock", true),
                new Route("GET", "/health/clock", "clock", false));
    }

    @Test
    void merge_combinesDocumentsIntoOne_andMovesDocumentSecurityOntoItsOperations() throws Exception {
        // WHEN
        JsonNode merged = OpenApiDocuments.merge(documents(), "http://localhost:8080");

        // THEN
        assertThat(merged.path("info").path("title").asText()).isEqualTo("Canopy API");
        assertThat(merged.path("servers").toString()).isEqualTo("[{\"url\":\"http://localhost:8080\"}]");
        assertThat(merged.path("paths").fieldNames()).toIterable()
                .containsExactly("/auth/token", "/users/me", "/auth/valid", "/time/current", "/health/clock");
        assertThat(merged.path("components").path("schemas").fieldNames()).toIterable().containsExactly("Problem", "User");
        assertThat(merged.path("components").path("securitySchemes").fieldNames()).toIterable()
                .containsExactly("bearerAuth", "password");
        assertThat(merged.findValuesAsText("name")).containsExactly("auth", "users", "time");
        // identity's document-level security now sits on the operation it applied to, and nowhere else
        assertThat(merged.has("security")).isFalse();
        assertThat(merged.path("paths").path("/users/me").path("get").path("security").toString())
                .isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(merged.path("paths").path("/health/clock").path("get").has("security")).isFalse();
        assertThat(new String(OpenApiDocuments.toYaml(merged), StandardCharsets.UTF_8)).startsWith("openapi: 3.0.1");
    }

    @Test
    void merge_prefixesDuplicateOperationIdWithFunction_andTagsUntaggedOperationsWithIt() throws Exception {
        // GIVEN two functions declaring the same untagged operationId
        String health = """
                openapi: 3.0.1
                paths:
                  /health/%s:
                    get:
                      operationId: health
                """;
        // WHEN
        JsonNode merged = OpenApiDocuments.merge(List.of(
                FunctionDocument.parse("identity", health.formatted("identity").getBytes(StandardCharsets.UTF_8)),
                FunctionDocument.parse("clock", health.formatted("clock").getBytes(StandardCharsets.UTF_8))),
                "http://localhost:8080");

        // THEN
        assertThat(merged.at("/paths/~1health~1identity/get/operationId").asText()).isEqualTo("health");
        assertThat(merged.at("/paths/~1health~1clock/get/operationId").asText()).isEqualTo("clock_health");
        assertThat(merged.at("/paths/~1health~1clock/get/tags").toString()).isEqualTo("[\"clock\"]");
    }

    @Test
    void merge_throwsNamingOperation_whenTwoFunctionsDeclareIt() throws Exception {
        // GIVEN
        List<FunctionDocument> twice = List.of(FunctionDocument.parse("clock", CLOCK.getBytes(StandardCharsets.UTF_8)),
                FunctionDocument.parse("copy", CLOCK.getBytes(StandardCharsets.UTF_8)));

        // WHEN / THEN
        assertThatThrownBy(() -> OpenApiDocuments.merge(twice, "http://x")).hasMessageContaining("GET /time/current");
    }

    private static List<FunctionDocument> documents() throws Exception {
        return List.of(FunctionDocument.parse("identity", IDENTITY.getBytes(StandardCharsets.UTF_8)),
                FunctionDocument.parse("clock", CLOCK.getBytes(StandardCharsets.UTF_8)));
    }
}
