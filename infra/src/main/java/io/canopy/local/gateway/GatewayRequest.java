package io.canopy.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway received it, before it becomes an event.
 *
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 * @param headers  header name (any case) → values in arrival order
 */
public record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                             byte[] body, String sourceIp, String protocol) {

    public String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
