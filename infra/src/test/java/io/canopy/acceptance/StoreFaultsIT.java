package io.canopy.acceptance;

import io.canopy.acceptance.Deployment.User;
import io.canopy.local.Directories;
import io.canopy.local.LocalRuntime;
import io.canopy.local.LocalRuntimeConfig;
import io.canopy.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.canopy.acceptance.Deployment.json;
import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stores taken away mid-run (a runtime of its own: the shared one must keep its stores). Reads and writes answer
 * 503 problems within the function timeout, nothing is half-written, and the same function instances recover by
 * themselves once the store is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreFaultsIT {

    static final Duration WITHIN = Duration.ofSeconds(15);

    private Path dataDir;
    private LocalRuntime runtime;
    private Deployment deployment;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("canopy-faults");
        runtime = LocalRuntime.start(LocalRuntimeConfig.defaults(Path.of("..")).withDataDir(dataDir)
                .withPort(0).withAdminEmails(SharedRuntime.ADMIN_EMAIL).withPassThrough(Map.of("CANOPY_BCRYPT_COST", "4")));
        deployment = new Deployment(runtime.baseUri(), SharedRuntime.ADMIN_EMAIL, SharedRuntime.ADMIN_PASSWORD);
        api = deployment.api();
    }

    @AfterAll
    void stop() {
        runtime.close();
        Directories.deleteOrWarn(dataDir);
    }

    @Test
    void dynamoDbDown_carbonAnswers503_writesNothing_andRecovers() {
        // GIVEN a user with one usage, and carbon warm
        User user = deployment.newUser("faults");
        assertEquals(201, api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", user.token()).statusCode());

        // WHEN DynamoDB Local stops
        runtime.dynamodb().stop();
        try {
            // THEN reads, writes and health answer 503 problems, each within the timeout
            for (String[] call : new String[][] {{"GET", "/usages", null}, {"POST", "/usages", "{\"amount\":5,\"usage_type_id\":100}"},
                    {"GET", "/health/carbon", null}}) {
                long start = System.nanoTime();
                HttpResponse<String> response = api.send(call[0], call[1], call[2], user.token());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(503, response.statusCode(), call[1] + ": " + response.body());
                assertTrue(took.compareTo(WITHIN) < 0, call[1] + " took " + took);
                if (!call[1].startsWith("/health")) {
                    assertProblem(response, 503);
                }
            }
            // and identity, on PostgreSQL, is not affected
            assertEquals(200, api.get("/users/me", user.token()).statusCode());
        } finally {
            runtime.dynamodb().start();
        }

        // AND once it is back the same instance serves again, and the failed write left nothing behind
        HttpResponse<String> after = api.get("/usages", user.token());
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(1, json(after).get("items").size());
    }

    @Test
    void postgresDown_identityAnswers503_writesNothing_andRecovers() {
        // GIVEN a user
        User user = deployment.newUser("pg-faults");

        // WHEN PostgreSQL stops
        runtime.postgres().stop();
        try {
            // THEN a profile change and a registration answer 503 problems within the timeout
            long start = System.nanoTime();
            HttpResponse<String> patch = api.send("PATCH", "/users/me", "{\"first_name\":\"Changed\"}", user.token());
            HttpResponse<String> register = api.postJson("/auth/register",
                    "{\"email\":\"during-outage@example.com\",\"password\":\"" + Deployment.PASSWORD + "\"}", null);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(WITHIN.multipliedBy(2)) < 0);
            assertProblem(patch, 503);
            assertProblem(register, 503);
        } finally {
            runtime.postgres().start();
        }

        // AND after recovery nothing of either write is there
        HttpResponse<String> me = api.get("/users/me", user.token());
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(json(me).get("first_name").isNull(), me.body());
        HttpResponse<String> signIn = api.postJson("/auth/token",
                "{\"email\":\"during-outage@example.com\",\"password\":\"" + Deployment.PASSWORD + "\"}", null);
        assertEquals(401, signIn.statusCode(), signIn.body());
    }
}
