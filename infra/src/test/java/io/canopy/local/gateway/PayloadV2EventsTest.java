package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadV2EventsTest {

    private static final Instant TIME = Instant.parse("2026-11-22T09:30:00Z");
    private final PayloadV2Events events = new PayloadV2Events("000000000000", "local");

    @Test
    void build_returnsApiGatewayShapedEvent_whenRequestHasHeadersCookiesQueryBodyAndClaims() throws Exception {
        // GIVEN
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost:8080"));
        headers.put("User-Agent", List.of("curl/8"));
        headers.put("X-Multi", List.of("a", "b"));
        headers.put("Cookie", List.of("session=abc; theme=dark", "third=3"));
        headers.put("Content-Type", List.of("application/json"));
        GatewayRequest request = new GatewayRequest("GET", "/users/42", "a=1&b=x%20y&a=2&flag", headers,
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1");
        RouteMatch route = new RouteMatch("identity", true, "GET /users/{id}", Map.of("id", "42"));
        ObjectNode claims = (ObjectNode) PayloadV2Events.JSON.readTree(
                "{\"sub\":\"u1\",\"exp\":1700000000,\"roles\":[\"user\",\"admin\"],\"email_verified\":true,\"scope\":\"a b\"}");

        // WHEN
        JsonNode event = events.build(request, route, claims, "req-1", TIME);

        // THEN
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /users/{id}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/users/42");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&b=x%20y&a=2&flag");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\",\"third=3\"]");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("headers").path("x-multi").asText()).isEqualTo("a,b");
        assertThat(event.path("headers").path("user-agent").asText()).isEqualTo("curl/8");
        assertThat(event.path("queryStringParameters").toString()).isEqualTo("{\"a\":\"1,2\",\"b\":\"x y\",\"flag\":\"\"}");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"id\":\"42\"}");
        assertThat(event.path("body").asText()).isEqualTo("{\"x\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();

        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo("local");
        assertThat(context.path("domainName").asText()).isEqualTo("localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("localhost");
        assertThat(context.path("requestId").asText()).isEqualTo("req-1");
        assertThat(context.path("routeKey").asText()).isEqualTo("GET /users/{id}");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).isEqualTo("22/Nov/2026:09:30:00 +0000");
        assertThat(context.path("timeEpoch").asLong()).isEqualTo(TIME.toEpochMilli());
        assertThat(context.path("http").toString()).isEqualTo(
                "{\"method\":\"GET\",\"path\":\"/users/42\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"curl/8\"}");
        JsonNode jwt = context.path("authorizer").path("jwt");
        assertThat(jwt.path("claims").toString()).isEqualTo(
                "{\"sub\":\"u1\",\"exp\":\"1700000000\",\"roles\":\"[user admin]\",\"email_verified\":\"true\",\"scope\":\"a b\"}");
        assertThat(jwt.has("scopes")).isTrue();
        assertThat(jwt.get("scopes").isNull()).isTrue();
    }

    @Test
    void build_omitsAbsentParts_whenRequestHasNoCookiesQueryParametersBodyOrClaims() {
        // GIVEN
        GatewayRequest request = new GatewayRequest("GET", "/health/clock", "", Map.of("host", List.of("localhost")),
                new byte[0], "127.0.0.1", "HTTP/1.1");

        // WHEN
        JsonNode event = events.build(request, new RouteMatch("clock", false, "GET /health/clock", Map.of()), null, "r", TIME);

        // THEN
        assertThat(event.has("cookies")).isFalse();
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("requestContext").has("authorizer")).isFalse();
        assertThat(event.path("rawQueryString").asText()).isEmpty();
    }

    @Test
    void build_base64EncodesBody_whenBodyIsUrlEncodedForm() {
        // GIVEN
        byte[] form = "username=a%40b.c&password=secret".getBytes(StandardCharsets.US_ASCII);
        GatewayRequest request = new GatewayRequest("POST", "/auth/token", "",
                Map.of("content-type", List.of("application/x-www-form-urlencoded")), form, "127.0.0.1", "HTTP/1.1");

        // WHEN
        JsonNode event = events.build(request, new RouteMatch("identity", false, "POST /auth/token", Map.of()), null, "r", TIME);

        // THEN
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(form);
    }

    @ParameterizedTest
    @CsvSource({
            "text/plain, true", "text/html; charset=utf-8, true", "application/json, true",
            "application/problem+json, true", "application/xml, true", "application/atom+xml, true",
            "application/javascript, true", "Application/JSON; charset=UTF-8, true",
            "application/x-www-form-urlencoded, false", "application/octet-stream, false", "image/png, false",
            "multipart/form-data; boundary=x, false"})
    void isText_returnsTrueOnlyForTextLikeTypes_whenContentTypeIsSet(String contentType, boolean text) {
        assertThat(PayloadV2Events.isText(contentType)).isEqualTo(text);
    }

    @Test
    void isText_returnsFalse_whenContentTypeIsMissing() {
        assertThat(PayloadV2Events.isText(null)).isFalse();
    }

    @Test
    void claimString_formatsLikeGo_whenClaimIsObjectNumberEmptyArrayOrNull() throws Exception {
        // GIVEN
        JsonNode claims = PayloadV2Events.JSON.readTree(
                "{\"o\":{\"b\":1,\"a\":[\"x\",2]},\"f\":1.5,\"empty\":[],\"n\":null}");

        // WHEN / THEN
        assertThat(PayloadV2Events.claimString(claims.get("o"))).isEqualTo("map[a:[x 2] b:1]");
        assertThat(PayloadV2Events.claimString(claims.get("f"))).isEqualTo("1.5");
        assertThat(PayloadV2Events.claimString(claims.get("empty"))).isEqualTo("[]");
        assertThat(PayloadV2Events.claimString(claims.get("n"))).isEmpty();
    }
}
