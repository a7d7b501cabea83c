package io.canopy.orders.persistence;

import io.canopy.orders.domain.Downstream;
import io.canopy.orders.domain.OrderItem;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payments and kitchen over HTTP (through the gateway), with the caller's bearer token, a 2 s connect timeout and
 * a per-request timeout. No retries here: a failure is reported at once as 504 (timeout), 503 (the other side said
 * so) or 502 (unreachable, or any other error), and the client may pay again — both calls are idempotent per order.
 */
@Singleton
class HttpDownstream implements Downstream {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI paymentsUrl;
    private final URI kitchenUrl;
    private final Duration timeout;
    private final JsonMapper json;

    HttpDownstream(@Value("${canopy.orders.payments-url}") String paymentsUrl, @Value("${canopy.orders.kitchen-url}") String kitchenUrl,
                   @Value("${canopy.orders.downstream-timeout:5s}") Duration timeout, JsonMapper json) {
        this.paymentsUrl = URI.create(stripSlash(paymentsUrl));
        this.kitchenUrl = URI.create(stripSlash(kitchenUrl));
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public Payment pay(UUID orderId, String authorization) {
        JsonNode answer = post("payments", paymentsUrl + "/payments", Map.of("order_id", orderId.toString()), authorization);
        return new Payment(UUID.fromString(answer.get("payment_id").getStringValue()), answer.get("status").getStringValue());
    }

    @Override
    public UUID schedule(UUID orderId, List<OrderItem> items, String authorization) {
        List<Map<String, Object>> order = items.stream()
                .map(item -> Map.<String, Object>of("product", item.product(), "size", item.size(), "quantity", item.quantity())).toList();
        JsonNode answer = post("kitchen", kitchenUrl + "/kitchen/schedules", Map.of("order_id", orderId.toString(), "order", order), authorization);
        return UUID.fromString(answer.get("id").getStringValue());
    }

    @Override
    public void cancelSchedule(UUID scheduleId, String authorization) {
        post("kitchen", kitchenUrl + "/kitchen/schedules/" + scheduleId + "/cancel", null, authorization);
    }

    private JsonNode post(String service, String url, Object body, String authorization) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DownstreamException(504, service + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new DownstreamException(502, service + " is unreachable", e);
        } catch (IOException e) {
            throw new DownstreamException(502, service + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamException(502, service + " call was interrupted", e);
        }
        int status = response.statusCode();
        if (status == 503) {
            throw new DownstreamException(503, service + " is unavailable", null);
        }
        if (status < 200 || status >= 300) {
            throw new DownstreamException(502, service + " answered " + status, null);
        }
        try {
            JsonNode answer = json.readValue(response.body(), JsonNode.class);
            return answer == null ? JsonNode.nullNode() : answer;
        } catch (IOException e) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new DownstreamException(502, service + " answered something that is not JSON (" + text.length() + " bytes)", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
