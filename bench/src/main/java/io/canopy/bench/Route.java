package io.canopy.bench;

import java.util.function.IntFunction;

/**
 * One measured route of a target.
 *
 * @param kind           {@code read} or {@code write}
 * @param method         HTTP method
 * @param template       the route's path template, as in the OpenAPI
 * @param expectedStatus what every invocation must answer; anything else fails the route
 * @param events         invocation number → payload 2.0 event; a write makes each one distinct
 */
public record Route(String kind, String method, String template, int expectedStatus, IntFunction<byte[]> events) {

    public String label() {
        return method + " " + template;
    }
}
