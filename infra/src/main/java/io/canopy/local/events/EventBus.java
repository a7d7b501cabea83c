package io.canopy.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.canopy.local.LoopbackHttpServers;
import io.canopy.local.lambda.InvocationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge's {@code PutEvents} on loopback, enough for the AWS SDK's EventBridge client (JSON 1.1 protocol,
 * {@code X-Amz-Target: AWSEvents.PutEvents}) pointed at it with an endpoint override.
 *
 * <p>As on AWS, delivery is asynchronous: PutEvents answers once the events are accepted, and each matching
 * subscription's function is invoked with the EventBridge event envelope. A failed invocation is retried with
 * back-off; after the last attempt the event is logged as dead-lettered.
 */
public final class EventBus implements AutoCloseable {

    /** Invokes the named function with an event, synchronously. */
    @FunctionalInterface
    public interface Target {
        InvocationResult invoke(String functionName, byte[] event) throws InterruptedException;
    }

    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);

    private final HttpServer server;
    private final List<Subscription> subscriptions;
    private final Target target;
    private final String account;
    private final String region;
    private final Clock clock;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "canopy-event-delivery");
        thread.setDaemon(true);
        return thread;
    });

    private EventBus(HttpServer server, List<Subscription> subscriptions, Target target, String account,
                     String region, Clock clock) {
        this.server = server;
        this.subscriptions = List.copyOf(subscriptions);
        this.target = target;
        this.account = account;
        this.region = region;
        this.clock = clock;
    }

    public static EventBus start(List<Subscription> subscriptions, Target target, String account, String region,
                                 Clock clock) throws IOException {
        HttpServer server = LoopbackHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        EventBus bus = new EventBus(server, subscriptions, target, account, region, clock);
        server.createContext("/", bus::handle);
        server.start();
        return bus;
    }

    /** What functions get as {@code CANOPY_EVENTS_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Waits until every event accepted so far has been delivered (or dead-lettered). For tests. */
    public void awaitDelivered(Duration timeout) throws InterruptedException {
        var marker = delivery.submit(() -> { });
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("events still pending after " + timeout, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(operation)) {
                answer(exchange, 400, error("UnknownOperationException",
                        "The local event bus implements only AWSEvents.PutEvents, not " + operation));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                answer(exchange, 400, error("SerializationException", "The body is not JSON"));
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            ArrayNode results = response.putArray("Entries");
            int failed = 0;
            for (JsonNode entry : request.path("Entries")) {
                ObjectNode result = results.addObject();
                try {
                    String id = accept(entry);
                    result.put("EventId", id);
                } catch (IllegalArgumentException e) {
                    failed++;
                    result.put("ErrorCode", "MalformedDetail").put("ErrorMessage", e.getMessage());
                }
            }
            response.put("FailedEntryCount", failed);
            answer(exchange, 200, response);
        }
    }

    private String accept(JsonNode entry) {
        String source = entry.path("Source").asText("");
        String detailType = entry.path("DetailType").asText("");
        if (source.isEmpty() || detailType.isEmpty()) {
            throw new IllegalArgumentException("Source and DetailType are required");
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(entry.path("Detail").asText("{}"));
        } catch (IOException e) {
            throw new IllegalArgumentException("Detail is not JSON");
        }
        if (detail == null || !detail.isObject()) {
            throw new IllegalArgumentException("Detail must be a JSON object");
        }
        Instant time = entry.hasNonNull("Time")
                ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000)) : clock.instant();
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources");
        event.set("detail", detail);
        byte[] payload = event.toString().getBytes(StandardCharsets.UTF_8);
        for (Subscription subscription : subscriptions) {
            if (subscription.matches(source, detailType)) {
                delivery.submit(() -> deliver(subscription, id, payload));
            }
        }
        return id;
    }

    private void deliver(Subscription subscription, String eventId, byte[] payload) {
        Duration delay = FIRST_RETRY_DELAY;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                InvocationResult result = target.invoke(subscription.functionName(), payload);
                if (result instanceof InvocationResult.Success) {
                    return;
                }
                log.warn("Event {} to {}: attempt {} of {} failed: {}", eventId, subscription.functionName(),
                        attempt, ATTEMPTS, describe(result));
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.error("Event {} to {} dead-lettered after {} attempts: {}", eventId, subscription.functionName(), ATTEMPTS,
                new String(payload, StandardCharsets.UTF_8));
    }

    private static String describe(InvocationResult result) {
        if (result instanceof InvocationResult.FunctionError error) {
            return error.errorType() + " " + new String(error.payload(), StandardCharsets.UTF_8);
        } else if (result instanceof InvocationResult.InitError error) {
            return "init error " + error.errorType();
        } else if (result instanceof InvocationResult.Crashed crashed) {
            return "crashed: " + crashed.reason();
        }
        return result instanceof InvocationResult.Timeout ? "timed out" : "ok";
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        delivery.shutdownNow();
    }
}
