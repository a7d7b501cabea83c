package io.canopy.local.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new Route("GET", "/users/{id}", "identity", true),
            new Route("GET", "/users/me", "identity", true),
            new Route("PATCH", "/users/{id}", "identity", true),
            new Route("POST", "/auth/token", "identity", false),
            new Route("GET", "/users/{user_id}/certificates/{id}", "certificates", true),
            new Route("ANY", "/files/{proxy+}", "files", false),
            new Route("GET", "/files/readme", "docs", false)));

    @Test
    void match_prefersLiteralSegmentOverVariable_whenBothFitThePath() {
        assertThat(table.match("GET", "/users/me")).get()
                .extracting(RouteMatch::routeKey, RouteMatch::pathParameters)
                .containsExactly("GET /users/me", Map.of());
        assertThat(table.match("GET", "/users/42")).get()
                .extracting(RouteMatch::routeKey, RouteMatch::pathParameters)
                .containsExactly("GET /users/{id}", Map.of("id", "42"));
    }

    @Test
    void match_fallsBackToVariableTemplate_whenLiteralTemplateLacksTheMethod() {
        assertThat(table.match("PATCH", "/users/me")).get()
                .extracting(RouteMatch::routeKey, RouteMatch::pathParameters, RouteMatch::authorize)
                .containsExactly("PATCH /users/{id}", Map.of("id", "me"), true);
    }

    @Test
    void match_returnsOwnersAnyRouteWithoutAuthorizer_whenNoTemplateHasTheMethod() {
        assertThat(table.match("DELETE", "/auth/token")).get()
                .extracting(RouteMatch::function, RouteMatch::routeKey, RouteMatch::authorize)
                .containsExactly("identity", "ANY /auth/token", false);
    }

    @Test
    void match_triesGreedyVariableLastAndBindsItAcrossSegments_whenTemplateEndsInProxyPlus() {
        assertThat(table.match("GET", "/files/readme")).get().extracting(RouteMatch::function).isEqualTo("docs");
        assertThat(table.match("PUT", "/files/a/b%20c")).get()
                .extracting(RouteMatch::routeKey, RouteMatch::pathParameters)
                .containsExactly("ANY /files/{proxy+}", Map.of("proxy", "a/b c"));
        assertThat(table.match("GET", "/files")).isEmpty();
    }

    @Test
    void match_bindsEveryVariable_whenTemplateHasSeveral() {
        assertThat(table.match("GET", "/users/me/certificates/c-1")).get()
                .extracting(RouteMatch::pathParameters)
                .isEqualTo(Map.of("user_id", "me", "id", "c-1"));
    }

    @Test
    void match_returnsEmpty_whenPathIsUnknownOrHasTrailingSlashOrEmptySegment() {
        assertThat(table.match("GET", "/nope")).isEmpty();
        assertThat(table.match("GET", "/users/42/")).isEmpty();
        assertThat(table.match("GET", "/users/")).isEmpty();
    }

    @Test
    void constructor_throwsNamingRouteAndBothFunctions_whenTwoFunctionsDeclareSameRoute() {
        assertThatThrownBy(() -> new RouteTable(List.of(new Route("GET", "/x", "a", false), new Route("GET", "/x", "b", false))))
                .hasMessageContaining("GET /x").hasMessageContaining("a").hasMessageContaining("b");
    }
}
