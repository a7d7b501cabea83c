package io.canopy.bench.floor;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/** The payload 2.0 responses of the floor handlers, written by hand: no JSON library on the floor. */
final class FloorResponses {

    private FloorResponses() {
    }

    static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", status < 400 ? "application/json" : "application/problem+json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    static APIGatewayV2HTTPResponse notFound() {
        return json(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
    }

    /** A JSON string literal; the values here are ids and names the harness seeded. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
