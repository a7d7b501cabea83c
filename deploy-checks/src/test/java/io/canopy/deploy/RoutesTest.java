package io.canopy.deploy;

import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import io.canopy.deploy.terraform.Unknown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's routes, as Terraform would plan them, are exactly the routes of the controllers' OpenAPI documents
 * inside the artifacts: one route per path and method (anonymous operations without the authorizer, all others with
 * the JWT authorizer) plus "ANY path" without the authorizer, each to its own group's function.
 */
class RoutesTest {

    static final java.util.List<String> DEPLOYMENTS = Deployments.NAMES;

    private static Map<String, Artifacts.Route> expectedRoutes() {
        Map<String, Artifacts.Route> expected = new TreeMap<>();
        Artifacts.all().values().forEach(a -> a.routes().forEach(r -> {
            Artifacts.Route previous = expected.put(r.key(), r);
            assertThat(previous).as("route %s is claimed by %s and %s", r.key(), previous == null ? "" : previous.group(), r.group())
                    .isNull();
        }));
        return expected;
    }

    private static Map<Object, Evaluated> plannedRoutes(String deployment) {
        return Deployments.canopy(deployment).child("api").resources("aws_apigatewayv2_route", "this");
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void gatewayRoutes_areExactlyTheOpenApiRoutes(String deployment) {
        // GIVEN the routes the controllers declare
        Map<String, Artifacts.Route> expected = expectedRoutes();

        // WHEN Terraform plans the gateway
        Map<Object, Evaluated> planned = plannedRoutes(deployment);

        // THEN the route keys are the same, in both directions
        TreeSet<String> plannedKeys = new TreeSet<>();
        planned.keySet().forEach(k -> plannedKeys.add((String) k));
        assertThat(plannedKeys).as("routes in Terraform but not in any OpenAPI")
                .isSubsetOf(expected.keySet());
        assertThat(expected.keySet()).as("OpenAPI operations without a gateway route").isSubsetOf(plannedKeys);
        planned.forEach((key, route) -> assertThat(route.get("route_key")).isEqualTo(key));
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void anonymousRoutes_haveNoAuthorizer_andEveryOtherRouteTheJwtAuthorizer(String deployment) {
        // GIVEN
        Map<String, Artifacts.Route> expected = expectedRoutes();
        String authorizer = "module.canopy.module.api.aws_apigatewayv2_authorizer.jwt.id";

        // WHEN
        Map<Object, Evaluated> planned = plannedRoutes(deployment);

        // THEN
        Map<String, String> wrong = new LinkedHashMap<>();
        planned.forEach((key, route) -> {
            Artifacts.Route want = expected.get((String) key);
            Object type = route.get("authorization_type");
            Object authorizerId = route.get("authorizer_id");
            boolean jwt = "JWT".equals(type) && authorizerId instanceof Unknown u && u.isReference()
                    && u.text().equals(authorizer);
            boolean none = "NONE".equals(type) && authorizerId == null;
            if (want.anonymous() ? !none : !jwt) {
                wrong.put((String) key, "expected " + (want.anonymous() ? "NONE" : "JWT") + ", planned " + type + " / " + authorizerId);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(expected.values()).as("some routes are protected").anyMatch(r -> !r.anonymous());
        assertThat(expected.values()).as("some routes are anonymous (register, sign in, JWKS)").anyMatch(Artifacts.Route::anonymous);
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void everyRoute_targetsItsOwnGroupsFunction_throughTheLiveAlias(String deployment) {
        // GIVEN
        Map<String, Artifacts.Route> expected = expectedRoutes();
        ModuleInstance api = Deployments.canopy(deployment).child("api");

        // WHEN
        Map<Object, Evaluated> planned = plannedRoutes(deployment);
        Map<Object, Evaluated> integrations = api.resources("aws_apigatewayv2_integration", "this");

        // THEN each route points at the integration of its group
        planned.forEach((key, route) -> {
            String group = expected.get((String) key).group();
            assertThat(route.get("target")).as("target of %s", key).isInstanceOf(Unknown.class);
            assertThat(((Unknown) route.get("target")).render()).as("target of %s", key)
                    .isEqualTo("integrations/${module.canopy.module.api.aws_apigatewayv2_integration.this[\"" + group + "\"].id}");
        });
        // AND each integration invokes the live alias of that group's function, payload 2.0
        assertThat(integrations.keySet()).containsExactlyInAnyOrderElementsOf(Artifacts.all().keySet());
        integrations.forEach((group, integration) -> {
            assertThat(integration.get("integration_type")).isEqualTo("AWS_PROXY");
            assertThat(integration.get("payload_format_version")).isEqualTo("2.0");
            assertThat(((Unknown) integration.get("integration_uri")).render())
                    .isEqualTo("${module.canopy.module.function[\"" + group + "\"].aws_lambda_alias.live.arn}");
        });
        // AND API Gateway may invoke exactly that alias
        api.resources("aws_lambda_permission", "this").forEach((group, permission) -> {
            assertThat(permission.get("principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(permission.get("qualifier")).isEqualTo("live");
            assertThat(permission.get("function_name"))
                    .isEqualTo(Deployments.canopy(deployment).child("function", group).output("function_name"))
                    .isEqualTo("canopy-" + (Deployments.isAws(deployment) ? "prod" : "local") + "-" + group);
        });
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void jwtAuthorizer_trustsTheIssuerAndAudienceTheFunctionsCheck(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);

        // WHEN
        Evaluated authorizer = canopy.child("api").resource("aws_apigatewayv2_authorizer", "jwt");
        Map<?, ?> identityEnvironment = (Map<?, ?>) canopy.child("function", "identity")
                .resource("aws_lambda_function", "this").block("environment").get("variables");

        // THEN
        assertThat(authorizer.get("authorizer_type")).isEqualTo("JWT");
        assertThat(authorizer.get("identity_sources")).asList().containsExactly("$request.header.Authorization");
        Evaluated jwt = authorizer.block("jwt_configuration");
        assertThat(jwt.get("issuer")).isEqualTo(identityEnvironment.get("CANOPY_ISSUER"));
        assertThat(jwt.get("audience")).asList().containsExactly(identityEnvironment.get("CANOPY_AUDIENCE"));
        assertThat(((Unknown) jwt.get("issuer")).render())
                .isEqualTo("${module.canopy.module.api.aws_apigatewayv2_api.this.api_endpoint}");
    }
}
