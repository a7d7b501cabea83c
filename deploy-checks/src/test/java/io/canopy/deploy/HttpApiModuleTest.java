package io.canopy.deploy;

import io.canopy.deploy.terraform.EvalException;
import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The http-api module's route expression on OpenAPI shapes the current functions do not all use: document-level
 * security, an operation opting out with security: [], optional authentication [{}], path-level keys that are not
 * methods, and two groups claiming one route.
 */
class HttpApiModuleTest {

    private static Map<String, Object> integration(String group) {
        return Map.of("function_name", "fn-" + group, "alias_name", "live", "alias_arn", "arn:fn-" + group + ":live");
    }

    private static Map<Object, Evaluated> routes(Map<String, Object> documents) {
        Map<String, Object> integrations = new TreeMap<>();
        documents.keySet().forEach(g -> integrations.put(g, integration(g)));
        ModuleInstance api = ModuleInstance.root(Repo.MODULES.resolve("http-api"),
                Map.of("name", "test", "openapi_documents", documents, "integrations", integrations));
        return api.resources("aws_apigatewayv2_route", "this");
    }

    @Test
    void securityRules_followOpenApi_documentLevelOperationLevelAndOptional() {
        // GIVEN a document whose default is bearer auth, with operations overriding it
        Map<String, Object> document = Map.of(
                "security", List.of(Map.of("bearerAuth", List.of())),
                "paths", Map.of(
                        "/things", Map.of(
                                "parameters", List.of(),
                                "summary", "not a method",
                                "get", Map.of("operationId", "list"),
                                "post", Map.of("operationId", "create", "security", List.of())),
                        "/things/{id}", Map.of(
                                "get", Map.of("operationId", "read", "security", List.of(Map.of(), Map.of("bearerAuth", List.of()))),
                                "delete", Map.of("operationId", "delete", "security", List.of(Map.of("bearerAuth", List.of()))))));

        // WHEN
        Map<Object, Evaluated> routes = routes(Map.of("things", document));

        // THEN
        Map<Object, Object> auth = new TreeMap<>();
        routes.forEach((k, r) -> auth.put(k, r.get("authorization_type")));
        assertThat(auth).isEqualTo(Map.of(
                "GET /things", "JWT",            // the document's requirement
                "POST /things", "NONE",          // security: [] opts out
                "GET /things/{id}", "NONE",      // {} makes authentication optional
                "DELETE /things/{id}", "JWT",
                "ANY /things", "NONE",
                "ANY /things/{id}", "NONE"));
    }

    @Test
    void twoGroupsClaimingOneRoute_failThePlan() {
        // GIVEN
        Map<String, Object> a = Map.of("paths", Map.of("/same", Map.of("get", Map.of())));
        Map<String, Object> b = Map.of("paths", Map.of("/same", Map.of("post", Map.of())));

        // WHEN / THEN ("ANY /same" would be claimed twice)
        assertThatThrownBy(() -> routes(Map.of("a", a, "b", b))).isInstanceOf(EvalException.class)
                .hasMessageContaining("duplicate object key \"ANY /same\"");
    }
}
