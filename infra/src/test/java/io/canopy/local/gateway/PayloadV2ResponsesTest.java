package io.canopy.local.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadV2ResponsesTest {

    @Test
    void map_returnsStatusHeadersCookiesAndBody_whenResultIsStructuredResponse() {
        // WHEN
        GatewayResponse response = map("""
                {"statusCode":201,"headers":{"content-type":"application/json","location":"/orders/1"},
                 "multiValueHeaders":{"vary":["accept","origin"]},"cookies":["a=1; HttpOnly","b=2"],
                 "body":"{\\"id\\":1}","isBase64Encoded":false}""");

        // THEN
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsExactly(
                Map.entry("content-type", "application/json"), Map.entry("location", "/orders/1"),
                Map.entry("set-cookie", "a=1; HttpOnly"), Map.entry("set-cookie", "b=2"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    }

    @Test
    void map_ignoresMultiValueHeaders_whenResponseDeclaresThem() {
        // WHEN
        GatewayResponse response = map("""
                {"statusCode":200,"headers":{"content-type":"application/json"},
                 "multiValueHeaders":{"content-type":["application/json"],"vary":["accept","origin"]}}""");

        // THEN
        assertThat(response.headers()).containsExactly(Map.entry("content-type", "application/json"));
    }

    @Test
    void map_decodesBody_whenIsBase64EncodedIsTrue() {
        GatewayResponse response = map("{\"statusCode\":200,\"body\":\"AAEC\",\"isBase64Encoded\":true}");

        assertThat(response.body()).containsExactly(0, 1, 2);
    }

    @Test
    void map_returns200WithResultAsBody_whenResultIsNotStructuredResponse() {
        // WHEN
        GatewayResponse object = map("{\"hello\":\"world\"}");
        GatewayResponse string = map("\"plain\"");

        // THEN
        assertThat(object.status()).isEqualTo(200);
        assertThat(object.headers()).containsExactly(Map.entry("content-type", "application/json"));
        assertThat(new String(object.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
        assertThat(new String(string.body(), StandardCharsets.UTF_8)).isEqualTo("plain");
    }

    @Test
    void map_returns500_whenResultIsNotJsonOrEmpty() {
        assertThat(map("not json").status()).isEqualTo(500);
        assertThat(map("").status()).isEqualTo(500);
    }

    @Test
    void map_returnsEmptyBody_whenStatusIs204() {
        GatewayResponse response = map("{\"statusCode\":204}");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    private static GatewayResponse map(String payload) {
        return PayloadV2Responses.map(payload.getBytes(StandardCharsets.UTF_8));
    }
}
