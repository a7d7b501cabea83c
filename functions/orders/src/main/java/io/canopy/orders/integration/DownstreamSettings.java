package io.canopy.orders.integration;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where payments and the kitchen answer (the API gateway's base URL, in AWS as in the local runtime) and how long a
 * call may take. {@code canopy.orders.payments-url}, {@code canopy.orders.kitchen-url},
 * {@code canopy.orders.downstream-timeout}; see application.properties for the environment variables.
 */
@ConfigurationProperties("canopy.orders")
public record DownstreamSettings(URI paymentsUrl, URI kitchenUrl, Duration downstreamTimeout) {

    public DownstreamSettings {
        paymentsUrl = checked("payments-url", paymentsUrl);
        kitchenUrl = checked("kitchen-url", kitchenUrl);
        if (downstreamTimeout == null || downstreamTimeout.isNegative() || downstreamTimeout.isZero()) {
            throw new IllegalArgumentException("canopy.orders.downstream-timeout must be a positive duration, e.g. 5s");
        }
    }

    /** An absolute http(s) URL, without a trailing slash so paths can be appended (a stage path like /prod stays). */
    private static URI checked(String name, URI url) {
        if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("canopy.orders." + name + " must be an absolute http(s) URL, not " + url);
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }
}
