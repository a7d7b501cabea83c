package io.canopy.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of an artifact's {@code META-INF/canopy/events.json}: events of {@code source}/{@code detailType} go to
 * {@code handler}, a second Lambda function deployed from the same artifact (an EventBridge rule in AWS).
 *
 * @param group the endpoint group whose artifact declares it
 */
public record Subscription(String group, String source, String detailType, String handler) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The function's name, as in Terraform: {@code carbon-user-deleted} for {@code UserDeleted}. */
    public String functionName() {
        return group + "-" + detailType.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public boolean matches(String eventSource, String eventDetailType) {
        return source.equals(eventSource) && detailType.equals(eventDetailType);
    }

    public static List<Subscription> parse(String group, byte[] json) throws IOException {
        JsonNode entries = JSON.readTree(json);
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException(group + " events.json: expected a JSON array");
        }
        List<Subscription> subscriptions = new ArrayList<>();
        for (JsonNode entry : entries) {
            String source = entry.path("source").asText("");
            String detailType = entry.path("detail_type").asText("");
            String handler = entry.path("handler").asText("");
            if (source.isEmpty() || detailType.isEmpty() || handler.isEmpty()) {
                throw new IllegalArgumentException(group + " events.json: every entry needs source, detail_type and handler");
            }
            subscriptions.add(new Subscription(group, source, detailType, handler));
        }
        return subscriptions;
    }
}
