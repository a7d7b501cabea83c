package io.canopy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.local.gateway.GatewayRequest;
import io.canopy.local.gateway.PayloadV2Events;
import io.canopy.local.gateway.RouteMatch;
import io.canopy.local.lambda.LocalFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payload 2.0 events exactly as the local gateway builds them (its {@link PayloadV2Events}), including the JWT
 * authorizer's claims, for a request the harness describes: the function receives what it would behind the API.
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadV2Events EVENTS = new PayloadV2Events(LocalFunction.ACCOUNT_ID, "bench");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}+]+)\\+?}");

    private Events() {
    }

    /**
     * @param function the function the route belongs to
     * @param method   the HTTP method
     * @param template the route's path template, e.g. {@code /users/{id}}
     * @param path     the concrete path, e.g. {@code /users/42}; its query (after {@code ?}) becomes the query string
     * @param body     a JSON body, or null
     * @param token    the bearer token, or null for an anonymous route
     */
    public static byte[] build(String function, String method, String template, String path, String body, String token) {
        String rawPath = path;
        String rawQuery = "";
        int question = path.indexOf('?');
        if (question >= 0) {
            rawPath = path.substring(0, question);
            rawQuery = path.substring(question + 1);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("bench.canopy.local"));
        headers.put("User-Agent", List.of("canopy-bench"));
        headers.put("Accept", List.of("application/json"));
        if (token != null) {
            headers.put("Authorization", List.of("Bearer " + token));
        }
        byte[] bodyBytes = new byte[0];
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
            bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Length", List.of(Integer.toString(bodyBytes.length)));
        }
        GatewayRequest request = new GatewayRequest(method, rawPath, rawQuery, headers, bodyBytes, "127.0.0.1", "HTTP/1.1");
        RouteMatch route = new RouteMatch(function, token != null, method + " " + template, pathParameters(template, rawPath));
        ObjectNode event = EVENTS.build(request, route, token == null ? null : claims(token),
                UUID.randomUUID().toString(), Instant.now());
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables of {@code template} as they appear in {@code path}. */
    static Map<String, String> pathParameters(String template, String path) {
        String[] templateParts = template.split("/", -1);
        String[] pathParts = path.split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < templateParts.length && i < pathParts.length; i++) {
            Matcher matcher = VARIABLE.matcher(templateParts[i]);
            if (matcher.matches()) {
                parameters.put(matcher.group(1), pathParts[i]);
            }
        }
        return parameters;
    }

    /** What the gateway's authorizer passes on: the token's claims (the function verifies the token itself). */
    static ObjectNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** The status code of a payload 2.0 response, or -1 if the payload is not one. */
    public static int statusOf(byte[] payload) {
        // Cheap: the warm loop checks every answer, and a JSON parse would be most of the harness's own cost.
        String text = new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.UTF_8);
        int at = text.indexOf("\"statusCode\"");
        if (at < 0) {
            return -1;
        }
        int i = text.indexOf(':', at) + 1;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i > start ? Integer.parseInt(text.substring(start, i)) : -1;
    }

    /** The decoded body of a payload 2.0 response. */
    public static String bodyOf(byte[] payload) {
        try {
            var node = JSON.readTree(payload);
            String body = node.path("body").asText("");
            if (node.path("isBase64Encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            return body;
        } catch (IOException e) {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** One header of a payload 2.0 response (case-insensitive), or null. */
    public static String headerOf(byte[] payload, String name) {
        try {
            var headers = JSON.readTree(payload).path("headers");
            List<String> names = new ArrayList<>();
            headers.fieldNames().forEachRemaining(names::add);
            for (String candidate : names) {
                if (candidate.equalsIgnoreCase(name)) {
                    return headers.get(candidate).asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
