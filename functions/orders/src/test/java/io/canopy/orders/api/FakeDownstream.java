package io.canopy.orders.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Payments and kitchen at the HTTP boundary, idempotent per order like the real ones (their own tests prove that;
 * the end-to-end suite runs the real ones): counts what it stores, and can be told to fail, be slow or decline.
 */
final class FakeDownstream implements AutoCloseable {

    enum Mode { OK, FAIL_500, FAIL_503, SLOW, DECLINE }

    final Map<String, String> payments = new ConcurrentHashMap<>();
    final Map<String, String> schedules = new ConcurrentHashMap<>();
    final Map<String, String> cancelled = new ConcurrentHashMap<>();
    final AtomicInteger paymentCalls = new AtomicInteger();
    volatile Mode payments_ = Mode.OK;
    volatile Mode kitchen = Mode.OK;
    private final HttpServer server;

    FakeDownstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(20));
        server.createContext("/payments", exchange -> {
            paymentCalls.incrementAndGet();
            if (misbehave(exchange, payments_)) {
                return;
            }
            String order = field(exchange, "order_id");
            if (payments_ == Mode.DECLINE) {
                answer(exchange, 201, "{\"payment_id\":\"" + UUID.randomUUID() + "\",\"order_id\":\"" + order + "\",\"status\":\"invalid\"}");
                return;
            }
            boolean created = payments.putIfAbsent(order, UUID.randomUUID().toString()) == null;
            answer(exchange, created ? 201 : 200, "{\"payment_id\":\"" + payments.get(order) + "\",\"order_id\":\"" + order + "\",\"status\":\"paid\"}");
        });
        server.createContext("/kitchen/schedules", exchange -> {
            if (misbehave(exchange, kitchen)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/cancel")) {
                String id = path.split("/")[3];
                cancelled.put(id, "cancelled");
                answer(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"cancelled\"}");
                return;
            }
            String order = field(exchange, "order_id");
            boolean created = schedules.putIfAbsent(order, UUID.randomUUID().toString()) == null;
            answer(exchange, created ? 201 : 200, "{\"id\":\"" + schedules.get(order) + "\",\"order_id\":\"" + order + "\",\"status\":\"pending\"}");
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static boolean misbehave(HttpExchange exchange, Mode mode) throws IOException {
        switch (mode) {
            case FAIL_500 -> answer(exchange, 500, "{\"title\":\"boom\"}");
            case FAIL_503 -> answer(exchange, 503, "{\"title\":\"down\"}");
            case SLOW -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 500, "{}");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String field(HttpExchange exchange, String name) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return body.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
