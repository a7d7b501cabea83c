package io.canopy.shared.lambda;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.crac.CracResourceRegistrar;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** SnapStart priming, run the way the checkpoint runs it; no CRaC JDK needed (the hooks are called directly). */
class SnapStartPrimingTest {

    private final AtomicInteger jwksRequests = new AtomicInteger();
    private HttpServer jwks;

    @BeforeEach
    void startJwks() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        jwks.start();
        PrimingTestControllers.CALLS.set(0);
    }

    @AfterEach
    void stopJwks() {
        jwks.stop(0);
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spec.name", "SnapStartPrimingTest");
        properties.put(JwksServer.JWKS_URL_PROPERTY, "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        return properties;
    }

    @Test
    void beforeCheckpoint_sendsHealthAndUnauthenticatedRequests_throughTheHandler_andChecksAMadeUpToken() {
        // GIVEN a function's context with priming switched on
        Map<String, Object> properties = properties();
        properties.put(SnapStartPriming.ENABLED_PROPERTY, "true");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);

            // WHEN the checkpoint notifies it
            priming.beforeCheckpoint(null);

            // THEN health answered, the protected path refused both requests without reading them
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("GET /health/primed", 200);
            expected.put("GET /notes", 401);
            expected.put("POST /notes (malformed JSON)", 401);
            expected.put(SnapStartPriming.SIGNATURE_CHECK, 401);
            assertEquals(expected, priming.lastRun());
            // no controller but health ran (nothing written), no real token was checked (the JWKS never fetched)
            assertEquals(0, PrimingTestControllers.CALLS.get());
            assertEquals(0, jwksRequests.get());
            // and the shared context is still open for the real requests
            assertTrue(context.isRunning());
            assertEquals(Integer.MAX_VALUE, priming.getOrder());
        }
    }

    @Test
    void priming_isNotRegistered_withoutSnapStartOrTheProperty() {
        assumeFalse(SnapStartPriming.SNAP_START.equals(System.getenv(SnapStartPriming.INITIALIZATION_TYPE_ENV)));
        try (ApplicationContext context = ApplicationContext.run(properties())) {
            assertFalse(context.containsBean(SnapStartPriming.class));
            // nor micronaut-crac's registration (crac.enabled is true only on a SnapStart init)
            assertFalse(context.containsBean(CracResourceRegistrar.class));
            assertTrue(context.getBeansOfType(OrderedResource.class).isEmpty());
        }
    }

    @Test
    void checkpoint_primesBeforeThePoolIsSuspended_andRestoreResumesIt() throws Exception {
        // GIVEN a PostgreSQL function as on a SnapStart init: micronaut-crac on, a Hikari pool that may be suspended
        Map<String, Object> properties = properties();
        properties.putAll(TestPostgres.newDatabase());
        properties.put("datasources.default.allow-pool-suspension", "true");
        properties.put("crac.enabled", "true");
        properties.put(SnapStartPriming.ENABLED_PROPERTY, "true");
        try (ApplicationContext context = ApplicationContext.builder(properties).environments("test").start()) {
            HikariDataSource pool = (HikariDataSource) context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
            CheckpointSimulator checkpoint = context.getBean(CheckpointSimulator.class);

            // WHEN the checkpoint runs every resource (in the order Lambda does: the reverse of registration)
            assertTimeoutPreemptively(Duration.ofSeconds(60), checkpoint::runBeforeCheckpoint,
                    "priming must run before the pool is suspended, or its health check waits forever");

            // THEN priming ran first (health reached PostgreSQL), and the snapshot would hold no connection
            assertEquals(200, context.getBean(SnapStartPriming.class).lastRun().get("GET /health/primed"));
            // (Hikari closes evicted connections on its own thread; the last resource may have just evicted one)
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (pool.getHikariPoolMXBean().getTotalConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, pool.getHikariPoolMXBean().getTotalConnections());

            // WHEN restored THEN the pool serves connections again
            checkpoint.runAfterRestore();
            try (Connection connection = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pool.getConnection())) {
                assertTrue(connection.isValid(2));
            }
        }
    }
}
