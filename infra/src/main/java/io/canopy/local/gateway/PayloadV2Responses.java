package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Turns a function's payload 2.0 response into HTTP, the way API Gateway interprets it. */
public final class PayloadV2Responses {

    private PayloadV2Responses() {
    }

    public static GatewayResponse map(byte[] payload) {
        JsonNode response;
        try {
            response = PayloadV2Events.JSON.readTree(payload);
        } catch (IOException e) {
            return GatewayResponse.INTERNAL_ERROR; // not JSON: API Gateway cannot read it either
        }
        if (response == null || response.isMissingNode()) { // an empty payload
            return GatewayResponse.INTERNAL_ERROR;
        }
        if (!response.isObject() || !response.has("statusCode")) {
            // Not a structured response: API Gateway answers 200 with the JSON as body (a string's content as-is).
            String body = response.isTextual() ? response.asText() : response.toString();
            return new GatewayResponse(200, List.of(Map.entry("content-type", "application/json")),
                    body.getBytes(StandardCharsets.UTF_8));
        }
        int status = response.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            return GatewayResponse.INTERNAL_ERROR;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // Payload 2.0 has no multiValueHeaders: API Gateway ignores them (the Java event class still has the
        // field), so a header set only there is lost on AWS, and here too. Repeat a header with "a,b".
        response.path("headers").fields().forEachRemaining(h -> headers.add(Map.entry(h.getKey(), h.getValue().asText())));
        for (JsonNode cookie : response.path("cookies")) {
            headers.add(Map.entry("set-cookie", cookie.asText()));
        }
        byte[] body = new byte[0];
        JsonNode bodyNode = response.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.asText();
            if (response.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return GatewayResponse.INTERNAL_ERROR;
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new GatewayResponse(status, headers, body);
    }
}
