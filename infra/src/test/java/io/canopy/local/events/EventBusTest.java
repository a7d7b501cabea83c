package io.canopy.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.local.lambda.InvocationResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The body the AWS SDK's EventBridge client sends (checked against the SDK in identity's UserDeletionOutboxTest).
    private static final String PUT_EVENTS = "{\"Entries\":[{\"Time\":1795771800,\"Source\":\"canopy.identity\","
            + "\"DetailType\":\"UserDeleted\",\"Detail\":\"{\\\"user_id\\\":\\\"6f1c1f4e-0d7c-4c39-9d7e-5d6f0a9b1c2d\\\"}\","
            + "\"EventBusName\":\"default\"}]}";

    @Test
    void putEvents_deliversEnvelopeToEverySubscriber_andRetriesAFailedInvocation() throws Exception {
        // GIVEN two groups subscribed to UserDeleted, one failing its first invocation, and one other subscription
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger carbonCalls = new AtomicInteger();
        List<Subscription> subscriptions = List.of(
                new Subscription("carbon", "canopy.identity", "UserDeleted", "H"),
                new Subscription("orders", "canopy.identity", "UserDeleted", "H"),
                new Subscription("kitchen", "canopy.orders", "OrderPaid", "H"));
        try (EventBus bus = EventBus.start(subscriptions, (name, event) -> {
            if (name.equals("carbon-user-deleted") && carbonCalls.incrementAndGet() == 1) {
                return new InvocationResult.FunctionError("Boom", new byte[0]);
            }
            delivered.add(name + " " + new String(event, StandardCharsets.UTF_8));
            return new InvocationResult.Success(new byte[0]);
        }, "000000000000", "us-east-1", Clock.systemUTC())) {

            // WHEN identity puts a UserDeleted event
            HttpResponse<String> response = putEvents(bus, PUT_EVENTS);
            bus.awaitDelivered(Duration.ofSeconds(10));

            // THEN it is accepted with an id, and both UserDeleted subscribers got the EventBridge envelope once
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("FailedEntryCount").asInt()).isZero();
            String eventId = answer.path("Entries").get(0).path("EventId").asText();
            assertThat(delivered).hasSize(2);
            assertThat(carbonCalls.get()).isEqualTo(2);
            JsonNode envelope = JSON.readTree(delivered.stream().filter(d -> d.startsWith("orders-user-deleted ")).findFirst()
                    .orElseThrow().substring("orders-user-deleted ".length()));
            assertThat(envelope.path("id").asText()).isEqualTo(eventId);
            assertThat(envelope.path("source").asText()).isEqualTo("canopy.identity");
            assertThat(envelope.path("detail-type").asText()).isEqualTo("UserDeleted");
            assertThat(envelope.path("time").asText()).isEqualTo("2026-11-27T09:30:00Z");
            assertThat(envelope.path("detail").path("user_id").asText()).isEqualTo("6f1c1f4e-0d7c-4c39-9d7e-5d6f0a9b1c2d");
        }
    }

    @Test
    void putEvents_answersFailedEntry_whenDetailIsNotAJsonObject() throws Exception {
        // GIVEN a bus
        try (EventBus bus = EventBus.start(List.of(), (name, event) -> new InvocationResult.Success(new byte[0]),
                "000000000000", "us-east-1", Clock.systemUTC())) {
            // WHEN an entry's Detail is not JSON
            HttpResponse<String> response = putEvents(bus,
                    "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"d\",\"Detail\":\"not json\"}]}");
            // THEN 200 with the entry failed, as EventBridge does
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("FailedEntryCount").asInt()).isEqualTo(1);
            assertThat(answer.path("Entries").get(0).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
        }
    }

    @Test
    void subscription_namesItsFunctionLikeTerraform() {
        assertThat(new Subscription("carbon", "canopy.identity", "UserDeleted", "H").functionName())
                .isEqualTo("carbon-user-deleted");
    }

    private static HttpResponse<String> putEvents(EventBus bus, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(bus.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSEvents.PutEvents")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
