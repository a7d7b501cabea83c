package io.canopy.clock.api;

import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeControllerTest implements TestPropertyProvider {

    static final Instant NOW = Instant.parse("2026-11-22T09:30:00.750Z");

    @Inject
    EmbeddedServer server;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("spec.name", "TimeControllerTest",
                JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
    }

    @Factory
    @Requires(property = "spec.name", value = "TimeControllerTest")
    static class FixedClock {
        @Singleton
        @Replaces(Clock.class)
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Test
    void currentTime_returnsRfc3339Utc_whenTokenHoldsTimePermission() {
        // WHEN a user with the time permission asks
        HttpResponse<String> response = get("/time/current", TestTokens.user(UUID.randomUUID()));
        // THEN the fixed clock's time comes back, to the second, in UTC
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"current_time\":\"2026-11-22T09:30:00Z\"}", response.body());
    }

    @Test
    void epochTime_returnsIntegerSeconds_whenTokenHoldsTimePermission() {
        HttpResponse<String> response = get("/time/epoch", TestTokens.user(UUID.randomUUID()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"epoch_time\":" + NOW.getEpochSecond() + "}", response.body());
    }

    @Test
    void clock_returns401WithBearerChallenge_whenTokenIsMissing() {
        for (String path : new String[]{"/time/current", "/time/epoch"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(401, response.statusCode(), path);
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void clock_returns401_whenTokenIsForgedExpiredOrUnsigned() {
        UUID id = UUID.randomUUID();
        assertEquals(401, get("/time/current", TestTokens.builder(id).signedByUnknownKey().sign()).statusCode());
        assertEquals(401, get("/time/current", TestTokens.builder(id).expiresAt(Instant.now().minusSeconds(300)).sign()).statusCode());
        assertEquals(401, get("/time/current", TestTokens.builder(id).unsigned()).statusCode());
    }

    @Test
    void clock_returns403_whenTokenLacksTimePermission() {
        String token = TestTokens.builder(UUID.randomUUID()).permissions("other").sign();
        for (String path : new String[]{"/time/current", "/time/epoch"}) {
            HttpResponse<String> response = get(path, token);
            assertEquals(403, response.statusCode(), path);
            assertTrue(response.body().contains("time"), response.body());
        }
    }

    @Test
    void health_returnsUp_withoutToken() {
        HttpResponse<String> response = get("/health/clock", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"status\":\"UP\",\"checks\":{}}", response.body());
    }

    private HttpResponse<String> get(String path, String token) {
        return api.get(path, token);
    }
}
