package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds HTTP API payload format 2.0 events, field by field as API Gateway fills them. */
public final class PayloadV2Events {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String accountId;
    private final String apiId;

    public PayloadV2Events(String accountId, String apiId) {
        this.accountId = accountId;
        this.apiId = apiId;
    }

    /**
     * @param claims the verified JWT claims, or null on a route without the authorizer
     */
    public ObjectNode build(GatewayRequest request, RouteMatch route, ObjectNode claims, String requestId, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        Map<String, String> headers = new TreeMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> splitCookies(value, cookies));
            } else {
                // Repeated headers arrive as one, comma-joined.
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", apiId);
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode stringClaims = jwt.putObject("claims");
            claims.fields().forEachRemaining(claim -> stringClaims.put(claim.getKey(), claimString(claim.getValue())));
            jwt.putNull("scopes");
        }
        String host = headers.getOrDefault("host", "localhost");
        String domain = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        context.put("domainName", domain);
        context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(time));
        context.put("timeEpoch", time.toEpochMilli());

        if (!route.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            route.pathParameters().forEach(parameters::put);
        }
        byte[] body = request.body();
        if (body.length > 0) {
            boolean binary = !isText(headers.get("content-type"));
            event.put("body", binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", binary);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /**
     * API Gateway passes these as text and base64-encodes everything else, including form posts and bodies
     * without a content type.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript");
    }

    /**
     * Claims reach the function as strings, printed the way API Gateway prints them: numbers as written, arrays
     * as {@code [a b]}, objects as {@code map[k:v]}.
     */
    static String claimString(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(claimString(item)));
            return "[" + String.join(" ", items) + "]";
        } else if (value.isObject()) {
            Map<String, String> entries = new TreeMap<>();
            value.fields().forEachRemaining(e -> entries.put(e.getKey(), claimString(e.getValue())));
            List<String> pairs = new ArrayList<>();
            entries.forEach((k, v) -> pairs.add(k + ":" + v));
            return "map[" + String.join(" ", pairs) + "]";
        } else if (value.isNull()) {
            return "";
        }
        return value.asText(); // numbers and booleans
    }

    private static void splitCookies(String header, List<String> cookies) {
        for (String cookie : header.split(";")) {
            if (!cookie.isBlank()) {
                cookies.add(cookie.trim());
            }
        }
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed %-escape: pass through as sent
        }
    }
}
