package io.canopy.orders.integration;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where orders looks for payments and the kitchen, as application.properties resolves it. */
class DownstreamSettingsTest {

    @Test
    void settings_defaultToTheGatewayBaseUrl_andFiveSeconds_whenNothingIsSet() {
        assumeTrue(System.getenv("CANOPY_BASE_URL") == null, "CANOPY_BASE_URL is set in this environment");
        try (ApplicationContext context = ApplicationContext.run()) {
            DownstreamSettings settings = context.getBean(DownstreamSettings.class);

            assertEquals(URI.create("http://localhost:8080"), settings.paymentsUrl());
            assertEquals(URI.create("http://localhost:8080"), settings.kitchenUrl());
            assertEquals(Duration.ofSeconds(5), settings.downstreamTimeout());
        }
    }

    @Test
    void settings_takeEachUrlOnItsOwn_keepAStagePath_andDropATrailingSlash() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("canopy.orders.payments-url", "https://api.example.com/prod/",
                "canopy.orders.kitchen-url", "http://kitchen.internal:9000", "canopy.orders.downstream-timeout", "750ms"))) {
            DownstreamSettings settings = context.getBean(DownstreamSettings.class);

            assertEquals(URI.create("https://api.example.com/prod"), settings.paymentsUrl());
            assertEquals(URI.create("http://kitchen.internal:9000"), settings.kitchenUrl());
            assertEquals(Duration.ofMillis(750), settings.downstreamTimeout());
        }
    }

    @Test
    void settings_refuseAUrlThatIsNotHttp_orATimeoutThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new DownstreamSettings(URI.create("ftp://x"), URI.create("http://y"), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new DownstreamSettings(URI.create("/payments"), URI.create("http://y"), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new DownstreamSettings(URI.create("http://x"), URI.create("http://y"), Duration.ZERO));
    }
}
