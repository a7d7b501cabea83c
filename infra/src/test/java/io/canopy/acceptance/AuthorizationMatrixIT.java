package io.canopy.acceptance;

import io.canopy.acceptance.Deployment.User;
import io.canopy.local.gateway.Route;
import io.canopy.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the merged OpenAPI × {anonymous, another user, the owner, an admin}, with the status the
 * contract names for each cell (OWASP API1 BOLA, API2 broken authentication, API5 function-level authorization).
 * Each cell gets fresh users and a fresh resource. A route the gateway serves that is missing from
 * {@link AuthorizationTable} fails {@link #everyRoute_hasARowInTheTable()}, so a new route cannot skip the matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    private Deployment deployment;
    private List<Route> routes;

    @BeforeAll
    void start() {
        deployment = SharedRuntime.deployment();
        routes = SharedRuntime.get().routes();
    }

    @AfterAll
    void cleanUp() {
        deployment.deleteCreatedUsers();
    }

    @Test
    void everyRoute_hasARowInTheTable() {
        Set<String> served = new TreeSet<>(routes.stream().map(Route::routeKey).toList());
        Set<String> tabled = new TreeSet<>(AuthorizationTable.rows().stream().map(AuthorizationTable.Row::routeKey).toList());
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(tabled);
        Set<String> stale = new TreeSet<>(tabled);
        stale.removeAll(served);
        assertTrue(missing.isEmpty(), "routes without a row in AuthorizationTable: " + missing);
        assertTrue(stale.isEmpty(), "rows for routes the gateway does not serve: " + stale);
    }

    @Test
    void protectedRoutes_areExactlyTheRowsThatRefuseAnonymous() {
        for (Route route : routes) {
            AuthorizationTable.Row row = AuthorizationTable.row(route.routeKey());
            if (row != null) {
                assertEquals(route.jwtProtected(), row.expected().anonymous() == 401,
                        route.routeKey() + ": the gateway's authorizer and the table disagree");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCell_answersTheExpectedStatus() {
        List<DynamicTest> cells = new ArrayList<>();
        for (AuthorizationTable.Row row : AuthorizationTable.rows()) {
            for (AuthorizationTable.Actor actor : AuthorizationTable.Actor.values()) {
                cells.add(DynamicTest.dynamicTest(row.routeKey() + " as " + actor, () -> check(row, actor)));
            }
        }
        return cells.stream();
    }

    private void check(AuthorizationTable.Row row, AuthorizationTable.Actor actor) {
        User owner = deployment.newUser("owner");
        User acting = switch (actor) {
            case ANONYMOUS -> null;
            case OTHER_USER -> deployment.newUser("other");
            case OWNER -> owner;
            case ADMIN -> row.deletesActor() ? disposableAdmin() : deployment.admin();
        };
        AuthorizationTable.Call call = row.fixture().prepare(deployment, owner, acting);
        ApiClient api = deployment.api();
        String[] headers = call.headers();
        HttpResponse<String> response = api.send(row.method(), call.path(), call.body(),
                acting == null ? null : acting.token(), headers);
        int expected = row.expected().of(actor);
        assertEquals(expected, response.statusCode(), row.routeKey() + " as " + actor + " -> " + call.path() + ": " + response.body());
        if (expected >= 400 && response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            ApiClient.assertProblem(response, expected);
        }
    }

    private User disposableAdmin() {
        deployment.api().postJson("/auth/register", "{\"email\":\"" + SharedRuntime.DISPOSABLE_ADMIN_EMAIL
                + "\",\"password\":\"" + SharedRuntime.ADMIN_PASSWORD + "\"}", null);
        return deployment.signIn(SharedRuntime.DISPOSABLE_ADMIN_EMAIL, SharedRuntime.ADMIN_PASSWORD, null);
    }
}
