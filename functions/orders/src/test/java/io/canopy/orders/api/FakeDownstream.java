package io.canopy.orders.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Payments and the kitchen at the HTTP boundary, each on its own port: just enough of their contracts — idempotent
 * per order like the real ones (their own tests prove that; the end-to-end suite runs the real ones) — plus what
 * a test needs: every call recorded, and each side can be told to fail (500, 503, an answer that is not JSON, 409 busy),
 * to be slower than the orders timeout, to be down (its port closed), to decline, to refuse a cancel, or to hold a
 * call until the test releases it.
 */
final class FakeDownstream implements AutoCloseable {

    enum Mode { OK, FAIL_500, FAIL_503, NOT_JSON, SLOW, DOWN, DECLINE, FINISHED, BUSY }

    record Call(String method, String path, String body, String authorization) {
    }

    record Payment(String id, String orderId, String status) {
    }

    record Schedule(String id, String orderId, String status) {
    }

    /** A call parked until {@link #release()}: lets a test act while payments or the kitchen is "working". */
    static final class Hold {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void awaitArrival() throws InterruptedException {
            if (!arrived.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held call never arrived");
            }
        }

        void release() {
            released.countDown();
        }
    }

    /** How long SLOW waits before answering: well beyond the timeout the tests give orders. */
    private final Duration slowness;
    private final JsonMapper json = JsonMapper.createDefault();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final Side payments = new Side("/payments", this::payments);
    final Side kitchen = new Side("/kitchen/schedules", this::kitchen);

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Payment> paymentsByOrder = new ConcurrentHashMap<>();
    final List<Payment> paymentsMade = new CopyOnWriteArrayList<>();
    final Map<String, Schedule> schedulesByOrder = new ConcurrentHashMap<>();
    final Map<String, Schedule> schedulesById = new ConcurrentHashMap<>();
    final List<Schedule> schedulesMade = new CopyOnWriteArrayList<>();

    FakeDownstream(Duration slowness) {
        this.slowness = slowness;
    }

    /** Everything answers again (both ports open); recorded calls and stored payments and schedules stay. */
    void reset() {
        payments.mode(Mode.OK);
        kitchen.mode(Mode.OK);
        payments.delay = Duration.ZERO;
        payments.maxInFlight.set(0);
        payments.hold = null;
        kitchen.hold = null;
    }

    List<Call> callsTo(String pathPrefix, String orderOrScheduleId) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix) && (c.body().contains(orderOrScheduleId) || c.path().contains(orderOrScheduleId))).toList();
    }

    List<Payment> paymentsFor(String orderId) {
        return paymentsMade.stream().filter(p -> p.orderId().equals(orderId)).toList();
    }

    List<Schedule> schedulesFor(String orderId) {
        return schedulesMade.stream().filter(s -> s.orderId().equals(orderId)).toList();
    }

    Schedule schedule(String id) {
        return schedulesById.get(id);
    }

    // --- payments: POST /payments {"order_id"} ------------------------------------------------------------------

    private void payments(HttpExchange exchange, Side side, Mode mode, JsonNode body) throws IOException {
        String orderId = orderId(body);
        if (orderId == null || !"POST".equals(exchange.getRequestMethod()) || !"/payments".equals(exchange.getRequestURI().getPath())) {
            answer(exchange, 422, Map.of("title", "Unprocessable Content", "status", 422));
            return;
        }
        Payment payment;
        boolean created;
        synchronized (this) { // idempotent per order, like the real one: a declined payment may be retried, a paid one never
            Payment existing = paymentsByOrder.get(orderId);
            created = existing == null || "invalid".equals(existing.status());
            payment = created ? new Payment(UUID.randomUUID().toString(), orderId, mode == Mode.DECLINE ? "invalid" : "paid") : existing;
            if (created) {
                paymentsByOrder.put(orderId, payment);
                paymentsMade.add(payment);
            }
        }
        side.beforeAnswer(mode);
        answer(exchange, created ? 201 : 200, Map.of("payment_id", payment.id(), "order_id", orderId, "status", payment.status()));
    }

    // --- kitchen: POST /kitchen/schedules {"order_id", "order"}, POST /kitchen/schedules/{id}/cancel -----------

    private void kitchen(HttpExchange exchange, Side side, Mode mode, JsonNode body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.matches("/kitchen/schedules/[^/]+/cancel")) {
            Schedule schedule = schedulesById.get(path.split("/")[3]);
            if (schedule == null) {
                answer(exchange, 404, Map.of("title", "Not Found", "status", 404));
                return;
            }
            if (mode == Mode.FINISHED) {
                answer(exchange, 409, Map.of("title", "Conflict", "status", 409, "detail", "The schedule is finished."));
                return;
            }
            Schedule cancelled = new Schedule(schedule.id(), schedule.orderId(), "cancelled");
            schedulesById.put(cancelled.id(), cancelled);
            schedulesByOrder.put(cancelled.orderId(), cancelled);
            side.beforeAnswer(mode);
            answer(exchange, 200, scheduleBody(cancelled, body));
            return;
        }
        String orderId = orderId(body);
        JsonNode items = body == null ? null : body.get("order");
        if (!"/kitchen/schedules".equals(path) || orderId == null || items == null || !items.isArray() || items.size() == 0) {
            answer(exchange, 422, Map.of("title", "Unprocessable Content", "status", 422));
            return;
        }
        Schedule schedule;
        boolean created;
        synchronized (this) { // one schedule per order, like the real one
            Schedule existing = schedulesByOrder.get(orderId);
            created = existing == null;
            schedule = created ? new Schedule(UUID.randomUUID().toString(), orderId, "pending") : existing;
            if (created) {
                schedulesByOrder.put(orderId, schedule);
                schedulesById.put(schedule.id(), schedule);
                schedulesMade.add(schedule);
            }
        }
        side.beforeAnswer(mode);
        answer(exchange, created ? 201 : 200, scheduleBody(schedule, body));
    }

    private static Map<String, Object> scheduleBody(Schedule schedule, JsonNode request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", schedule.id());
        body.put("order_id", schedule.orderId());
        body.put("scheduled", Instant.now().toString());
        body.put("status", schedule.status());
        body.put("order", List.of());
        return body;
    }

    private static String orderId(JsonNode body) {
        JsonNode id = body == null ? null : body.get("order_id");
        if (id == null || !id.isString()) {
            return null;
        }
        try {
            return UUID.fromString(id.getStringValue()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, status >= 400 ? "application/problem+json" : "application/json", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        // no keep-alive: a port that closes and reopens never leaves orders with a dead pooled connection
        exchange.getResponseHeaders().add("Connection", "close");
        if (status == 503) {
            exchange.getResponseHeaders().add("Retry-After", "7");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        payments.stop();
        kitchen.stop();
        threads.shutdownNow();
    }

    interface Handler {
        void handle(HttpExchange exchange, Side side, Mode mode, JsonNode body) throws IOException;
    }

    /** One fake service on its own port, which stays the same when the service goes DOWN and comes back. */
    final class Side {
        private final String context;
        private final Handler handler;
        private final int port;
        private HttpServer server;
        volatile Mode mode = Mode.OK;
        volatile Duration delay = Duration.ZERO;
        volatile Hold hold;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        Side(String context, Handler handler) {
            this.context = context;
            this.handler = handler;
            this.server = start(0);
            this.port = server.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        synchronized void mode(Mode newMode) {
            if (newMode == Mode.DOWN && server != null) {
                stop();
            } else if (newMode != Mode.DOWN && server == null) {
                server = start(port);
            }
            mode = newMode;
        }

        Hold hold() {
            Hold newHold = new Hold();
            hold = newHold;
            return newHold;
        }

        synchronized void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        private HttpServer start(int onPort) {
            for (int attempt = 0; ; attempt++) {
                try {
                    HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
                    started.setExecutor(threads);
                    started.createContext(context, this::handle);
                    started.start();
                    return started;
                } catch (BindException e) {
                    if (attempt > 50) {
                        throw new UncheckedIOException(e);
                    }
                    sleep(Duration.ofMillis(100));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), text, authorization));
                Hold parked = hold;
                if (parked != null) {
                    hold = null;
                    parked.arrived.countDown();
                    try {
                        parked.released.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Mode current = mode;
                if (authorization == null || !authorization.startsWith("Bearer ")) {
                    answer(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
                    return;
                }
                switch (current) {
                    case FAIL_500 -> answer(exchange, 500, Map.of("title", "Internal Server Error", "status", 500));
                    case FAIL_503 -> answer(exchange, 503, Map.of("title", "Service Unavailable", "status", 503));
                    case BUSY -> answer(exchange, 409, Map.of("title", "Conflict", "status", 409, "detail", "Changing concurrently; retry."));
                    case NOT_JSON -> send(exchange, 200, "text/html", "<html>gateway error page</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    default -> handler.handle(exchange, this, current, raw.length == 0 ? null : json.readValue(raw, JsonNode.class));
                }
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        }

        /** SLOW: the work is done (as a real service that answers late would have done it), the answer comes too late. */
        void beforeAnswer(Mode current) {
            sleep(current == Mode.SLOW ? slowness : delay);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
