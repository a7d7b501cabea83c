package io.canopy.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the gateway sends back: status, headers in order (repeats allowed), body bytes. */
public record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public GatewayResponse {
        headers = List.copyOf(headers);
    }

    /** API Gateway's own JSON answers, e.g. {@code {"message":"Not Found"}}. */
    public static GatewayResponse message(int status, String message) {
        return new GatewayResponse(status, List.of(Map.entry("content-type", "application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public static final GatewayResponse NOT_FOUND = message(404, "Not Found");
    public static final GatewayResponse UNAUTHORIZED = new GatewayResponse(401, List.of(
            Map.entry("content-type", "application/json"), Map.entry("www-authenticate", "Bearer")),
            "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
    public static final GatewayResponse TOO_LARGE = message(413, "Request Entity Too Large");
    public static final GatewayResponse INTERNAL_ERROR = message(500, "Internal Server Error");
    public static final GatewayResponse UNAVAILABLE = message(503, "Service Unavailable");
}
