package io.canopy.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.canopy.acceptance.Deployment.User;
import io.canopy.local.LocalRuntime;
import io.canopy.local.gateway.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of hostile input sent to every write route (POST, PUT, PATCH) as its owner would call it: malformed
 * and non-object JSON, wrong types and out-of-range values for every field its OpenAPI schema names, NaN and
 * Infinity, huge numbers, deep nesting, 100k-element arrays, invalid UTF-8, control characters, injection strings,
 * repeated keys, unknown fields, wrong content types, bodies over the limits, and hostile path ids. Every answer must
 * be a 4xx problem (the gateway's own 413/404 excepted, as on API Gateway), and the stores must hold exactly what
 * they held before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    private LocalRuntime runtime;
    private Deployment deployment;
    private JsonNode openApi;

    @BeforeAll
    void start() throws Exception {
        runtime = SharedRuntime.get();
        deployment = SharedRuntime.deployment();
        openApi = new YAMLMapper().readTree(deployment.api().get("/openapi.yaml", null).body());
    }

    @AfterAll
    void cleanUp() {
        deployment.deleteCreatedUsers();
        // The figure docs/RELIABILITY.md quotes.
        System.out.println("HostileInputIT: " + REQUESTS.get() + " hostile requests answered, each a 4xx without a stack trace");
    }

    @TestFactory
    Stream<DynamicTest> everyWriteRoute_answers4xxToHostileInput_andStoresNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> functionsWithHugeBodyChecked = new java.util.HashSet<>();
        for (Route route : runtime.routes()) {
            if (!WRITES.contains(route.method())) {
                continue;
            }
            boolean hugeBody = functionsWithHugeBodyChecked.add(route.function());
            tests.add(DynamicTest.dynamicTest(route.routeKey(), () -> attack(route, hugeBody)));
        }
        return tests.stream();
    }

    private void attack(Route route, boolean hugeBody) {
        AuthorizationTable.Row row = AuthorizationTable.row(route.routeKey());
        assertTrue(row != null, route.routeKey() + " has no row in AuthorizationTable to build its request from");
        User owner = deployment.newUser("hostile");
        AuthorizationTable.Call call = row.fixture().prepare(deployment, owner, owner);
        StoreSnapshot before = StoreSnapshot.of(runtime);

        // An action without a request body (pay, cancel) ignores any body by design: only its path is attacked.
        Map<String, byte[]> corpus = takesBody(route) ? corpus(route, hugeBody) : Map.of();
        for (Map.Entry<String, byte[]> input : corpus.entrySet()) {
            HttpResponse<String> response;
            try {
                response = send(route.method(), call.path(), owner.token(), "application/json", input.getValue());
            } catch (RuntimeException e) {
                throw new AssertionError(route.routeKey() + " with " + input.getKey() + ": no HTTP answer", e);
            }
            assertRejected(route, input.getKey(), response);
        }
        for (String contentType : takesBody(route) ? List.of("text/plain", "application/xml") : List.<String>of()) {
            HttpResponse<String> response = send(route.method(), call.path(), owner.token(), contentType, "{}".getBytes(StandardCharsets.UTF_8));
            assertRejected(route, "content type " + contentType, response);
        }
        for (String hostilePath : hostilePaths(route)) {
            HttpResponse<String> response = send(route.method(), hostilePath, owner.token(), "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertRejected(route, "path " + hostilePath, response);
        }

        assertEquals(before, StoreSnapshot.of(runtime), route.routeKey() + ": hostile input changed what the stores hold");
    }

    private static void assertRejected(Route route, String input, HttpResponse<String> response) {
        REQUESTS.incrementAndGet();
        String what = route.routeKey() + " with " + input + " -> " + response.statusCode() + " " + abbreviate(response.body());
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, what);
        assertFalse(response.body().contains("\tat ") || response.body().contains("Exception"), what);
        boolean gatewayAnswer = response.body().startsWith("{\"message\"");
        if (!gatewayAnswer) {
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), what);
        } else {
            // API Gateway answers these itself (no route, body over Lambda's limit); nothing reached a function.
            assertTrue(response.statusCode() == 404 || response.statusCode() == 413, what);
        }
    }

    private Map<String, byte[]> corpus(Route route, boolean hugeBody) {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        put(corpus, "truncated JSON", "{\"a\":");
        put(corpus, "not JSON", "hello");
        put(corpus, "empty body", "");
        put(corpus, "array", "[1,2]");
        put(corpus, "string", "\"text\"");
        put(corpus, "number", "42");
        put(corpus, "null", "null");
        put(corpus, "NaN", "{\"x\": NaN}");
        put(corpus, "Infinity", "{\"x\": Infinity}");
        put(corpus, "unknown field", "{\"canopy_unknown_field\": 1}");
        put(corpus, "mass assignment", "{\"id\": \"00000000-0000-0000-0000-000000000000\", \"owner_id\": \"x\", \"user_id\": \"x\","
                + " \"roles\": [\"admin\"], \"status\": \"delivered\"}");
        put(corpus, "deep nesting", "[".repeat(20_000) + "]".repeat(20_000));
        put(corpus, "deep objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
        corpus.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        put(corpus, "body over 1 MiB", "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        if (hugeBody) {
            put(corpus, "10 MB body", "{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}");
        }
        Map<String, String> fields = requestFields(route);
        String first = fields.keySet().stream().findFirst().orElse("x");
        put(corpus, "repeated key", "{\"" + first + "\": 1, \"" + first + "\": 2}");
        fields.forEach((field, type) -> {
            for (Map.Entry<String, String> value : wrongValues(type).entrySet()) {
                put(corpus, field + " = " + value.getKey(), "{\"" + field + "\": " + value.getValue() + "}");
            }
        });
        return corpus;
    }

    private static Map<String, String> wrongValues(String type) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("null", "null");
        values.put("an object (NoSQL operator)", "{\"$ne\": null}");
        switch (type) {
            case "string" -> {
                values.put("a number", "12345");
                values.put("a boolean", "true");
                values.put("an array", "[\"a\"]");
                values.put("a NUL character", "\"a\\u0000b\"");
                values.put("an escape sequence", "\"\\u001b[2J\"");
                values.put("100k characters", "\"" + "x".repeat(100_000) + "\"");
            }
            case "integer" -> {
                values.put("a numeric string", "\"1\"");
                values.put("a fraction", "1.5");
                values.put("1e400", "1e400");
                values.put("a 30-digit number", "123456789012345678901234567890");
                values.put("a negative huge number", "-1e400");
            }
            case "number" -> {
                values.put("a string", "\"abc\"");
                values.put("1e400", "1e400");
                values.put("-1e400", "-1e400");
            }
            case "boolean" -> {
                values.put("a string", "\"true\"");
                values.put("a number", "1");
            }
            case "array" -> {
                values.put("a string", "\"x\"");
                values.put("100k elements", "[" + "null,".repeat(99_999) + "null]");
            }
            default -> values.put("a string", "\"x\"");
        }
        return values;
    }

    private boolean takesBody(Route route) {
        return openApi.path("paths").path(route.pathTemplate()).path(route.method().toLowerCase()).has("requestBody");
    }

    /** The request body's fields and their JSON types, from the merged OpenAPI. */
    private Map<String, String> requestFields(Route route) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode operation = openApi.path("paths").path(route.pathTemplate()).path(route.method().toLowerCase());
        JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"));
        for (JsonNode part : schema.has("allOf") ? schema.get("allOf") : JSON.createArrayNode().add(schema)) {
            Iterator<Map.Entry<String, JsonNode>> properties = resolve(part).path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                fields.put(property.getKey(), resolve(property.getValue()).path("type").asText("object"));
            }
        }
        return fields;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static List<String> hostilePaths(Route route) {
        if (!route.pathTemplate().contains("{")) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String id : List.of("' OR '1'='1", "../../../../etc/passwd", "%00", "{\"$ne\":null}", "x".repeat(2000), "-1")) {
            paths.add(route.pathTemplate().replaceAll("\\{[^}]+}", URLEncoder.encode(id, StandardCharsets.UTF_8)));
        }
        return paths;
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = deployment.api().request(path, token)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return deployment.api().send(request);
    }

    private static void put(Map<String, byte[]> corpus, String name, String body) {
        corpus.put(name, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
