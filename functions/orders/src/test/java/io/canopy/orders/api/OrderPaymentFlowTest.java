package io.canopy.orders.api;

import io.canopy.orders.api.FakeDownstream.Mode;
import io.canopy.testsupport.ConcurrentTestServer;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pay and cancel through the real Lambda handler on DynamoDB Local, with payments and the kitchen played at the HTTP
 * boundary by {@link FakeDownstream}: the full flow, every way a downstream call can fail (and that the stored order
 * then shows only what really happened), resuming, declines, concurrency, and cancel racing pay.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPaymentFlowTest implements TestPropertyProvider {

    static final String ORDER = "{\"order\":[{\"product\":\"cappuccino\",\"size\":\"medium\",\"quantity\":2},{\"product\":\"croissant\",\"size\":\"small\"}]}";
    static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    /** SLOW answers after twice the timeout orders is given here. */
    private final FakeDownstream downstream = new FakeDownstream(TIMEOUT.multipliedBy(2));
    private ApiClient api;
    private String token;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.orders.payments-url", downstream.payments.url());
        properties.put("canopy.orders.kitchen-url", downstream.kitchen.url() + "/");
        properties.put("canopy.orders.downstream-timeout", TIMEOUT.toMillis() + "ms");
        properties.put(ConcurrentTestServer.PROPERTY, "true");
        return properties;
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(server.getURI());
        downstream.reset();
        token = TestTokens.user(UUID.randomUUID());
    }

    @AfterAll
    void stopFake() {
        downstream.close();
    }

    @Test
    void pay_movesTheOrderToProgress_withOnePaymentAndOneSchedule_forwardingTheCallersToken() {
        // GIVEN a created order
        String id = newOrder();

        // WHEN its owner pays
        HttpResponse<String> paid = pay(id);

        // THEN progress, with the payment and the schedule the fake made, each asked for once with the caller's token
        assertEquals(200, paid.statusCode(), paid.body());
        JsonNode order = read(paid);
        assertEquals("progress", order.get("status").getStringValue());
        assertEquals(single(downstream.paymentsFor(id)).id(), order.get("payment_id").getStringValue());
        assertEquals(single(downstream.schedulesFor(id)).id(), order.get("schedule_id").getStringValue());
        assertEquals("\"3\"", paid.headers().firstValue("ETag").orElse(""));
        FakeDownstream.Call payment = single(downstream.callsTo("/payments", id));
        FakeDownstream.Call schedule = single(downstream.callsTo("/kitchen", id));
        assertEquals("Bearer " + token, payment.authorization());
        assertEquals("Bearer " + token, schedule.authorization());
        assertEquals("{\"order_id\":\"" + id + "\"}", payment.body());
        JsonNode scheduled = parse(schedule.body());
        assertEquals(id, scheduled.get("order_id").getStringValue());
        assertEquals("cappuccino", scheduled.get("order").get(0).get("product").getStringValue());
        assertEquals(2, scheduled.get("order").get(0).get("quantity").getIntValue());
        assertEquals(1, scheduled.get("order").get(1).get("quantity").getIntValue());
        assertEquals(order.toString(), read(api.get("/orders/" + id, token)).toString());
    }

    @Test
    void cancel_fromProgress_cancelsTheKitchenScheduleFirst_thenTheOrder() {
        // GIVEN an order in progress
        String id = newOrder();
        String scheduleId = read(pay(id)).get("schedule_id").getStringValue();

        // WHEN its owner cancels it
        HttpResponse<String> cancelled = cancel(id);

        // THEN the kitchen schedule is cancelled with the caller's token, then the order; it cannot be paid or cancelled again
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", read(cancelled).get("status").getStringValue());
        assertEquals(scheduleId, read(cancelled).get("schedule_id").getStringValue());
        assertEquals("cancelled", downstream.schedule(scheduleId).status());
        assertEquals("Bearer " + token, single(downstream.callsTo("/kitchen/schedules/" + scheduleId + "/cancel", scheduleId)).authorization());
        HttpResponse<String> payAgain = pay(id);
        assertProblem(payAgain, 409);
        assertTrue(payAgain.body().contains("cancelled"), payAgain.body());
        assertProblem(cancel(id), 409);
        assertEquals(1, downstream.paymentsFor(id).size());
        // a cancelled order may be deleted
        assertEquals(204, api.send("DELETE", "/orders/" + id, null, token).statusCode());
    }

    @ParameterizedTest(name = "kitchen {0} → {1}")
    @CsvSource({"FAIL_500, 502", "FAIL_503, 503", "NOT_JSON, 502", "SLOW, 504", "DOWN, 502", "BUSY, 409"})
    void pay_leavesTheOrderPaid_whenTheKitchenFails_andPayingAgainResumesWithOnePayment(Mode kitchen, int status) {
        // GIVEN a created order and a kitchen that fails
        String id = newOrder();
        downstream.kitchen.mode(kitchen);

        // WHEN its owner pays
        HttpResponse<String> failed = pay(id);

        // THEN a 502/503/504 problem (409: the kitchen is busy with this order), and the order shows what happened:
        // paid, with its payment, not scheduled
        assertProblem(failed, status);
        if (status == 503) {
            assertEquals("7", failed.headers().firstValue("Retry-After").orElse(""));
        }
        JsonNode order = read(api.get("/orders/" + id, token));
        assertEquals("paid", order.get("status").getStringValue());
        assertEquals(single(downstream.paymentsFor(id)).id(), order.get("payment_id").getStringValue());
        assertTrue(order.get("schedule_id").isNull(), order.toString());
        assertProblem(api.send("PUT", "/orders/" + id, ORDER, token), 409);

        // WHEN the kitchen is back and the owner pays again
        downstream.kitchen.mode(Mode.OK);
        HttpResponse<String> resumed = pay(id);

        // THEN progress, with still one payment — payments was not even asked again
        assertEquals(200, resumed.statusCode(), resumed.body());
        assertEquals("progress", read(resumed).get("status").getStringValue());
        assertEquals(order.get("payment_id").getStringValue(), read(resumed).get("payment_id").getStringValue());
        assertEquals(1, downstream.paymentsFor(id).size());
        assertEquals(1, downstream.callsTo("/payments", id).size());
        assertEquals(1, downstream.schedulesFor(id).size());
    }

    @ParameterizedTest(name = "payments {0} → {1}")
    @CsvSource({"FAIL_500, 502", "FAIL_503, 503", "NOT_JSON, 502", "SLOW, 504", "DOWN, 502", "BUSY, 409"})
    void pay_leavesTheOrderCreated_whenPaymentsFails_andPayingAgainChargesOnce(Mode payments, int status) {
        // GIVEN a created order and payments failing
        String id = newOrder();
        downstream.payments.mode(payments);

        // WHEN its owner pays
        HttpResponse<String> failed = pay(id);

        // THEN a 502/503/504 problem (409: payments is busy with this order); the order is still created, without a
        // payment; the kitchen was not asked
        assertProblem(failed, status);
        JsonNode order = read(api.get("/orders/" + id, token));
        assertEquals("created", order.get("status").getStringValue());
        assertTrue(order.get("payment_id").isNull(), order.toString());
        assertTrue(downstream.callsTo("/kitchen", id).isEmpty());

        // WHEN payments is back and the owner pays again
        downstream.payments.mode(Mode.OK);
        HttpResponse<String> paid = pay(id);

        // THEN progress with one payment — for SLOW, the one payments made while orders had stopped waiting
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("progress", read(paid).get("status").getStringValue());
        assertEquals(single(downstream.paymentsFor(id)).id(), read(paid).get("payment_id").getStringValue());
    }

    @Test
    void pay_returns402AndLeavesTheOrderCreated_whenThePaymentIsDeclined() {
        // GIVEN a created order and a provider that declines
        String id = newOrder();
        downstream.payments.mode(Mode.DECLINE);

        // WHEN its owner pays
        HttpResponse<String> declined = pay(id);

        // THEN 402 "payment declined", the order still created without a payment, the kitchen not asked
        assertProblem(declined, 402);
        assertTrue(declined.body().contains("Payment declined"), declined.body());
        JsonNode order = read(api.get("/orders/" + id, token));
        assertEquals("created", order.get("status").getStringValue());
        assertTrue(order.get("payment_id").isNull(), order.toString());
        assertTrue(downstream.callsTo("/kitchen", id).isEmpty());
        // and the owner may still change the order, then pay once the provider accepts
        assertEquals(200, api.send("PUT", "/orders/" + id, ORDER, token).statusCode());
        downstream.payments.mode(Mode.OK);
        assertEquals("progress", read(pay(id)).get("status").getStringValue());
    }

    @ParameterizedTest(name = "kitchen {0} → {1}")
    @CsvSource({"FAIL_500, 502", "FAIL_503, 503", "SLOW, 504", "DOWN, 502"})
    void cancel_leavesTheOrderInProgress_whenTheKitchenCannotCancel(Mode kitchen, int status) {
        // GIVEN an order in progress and a kitchen that fails
        String id = newOrder();
        assertEquals(200, pay(id).statusCode());
        downstream.kitchen.mode(kitchen);

        // WHEN its owner cancels
        HttpResponse<String> failed = cancel(id);

        // THEN a 502/503/504 problem and the order is still in progress
        assertProblem(failed, status);
        assertEquals("progress", read(api.get("/orders/" + id, token)).get("status").getStringValue());

        // WHEN the kitchen is back / THEN cancel goes through
        downstream.kitchen.mode(Mode.OK);
        assertEquals("cancelled", read(cancel(id)).get("status").getStringValue());
    }

    @Test
    void cancel_returns409_whenTheKitchenHasFinishedTheOrder() {
        String id = newOrder();
        assertEquals(200, pay(id).statusCode());
        downstream.kitchen.mode(Mode.FINISHED);

        HttpResponse<String> refused = cancel(id);

        assertProblem(refused, 409);
        assertTrue(refused.body().contains("progress"), refused.body());
        assertEquals("progress", read(api.get("/orders/" + id, token)).get("status").getStringValue());
    }

    @Test
    void cancel_fromPaid_needsNoKitchen() {
        // GIVEN a paid order whose scheduling failed
        String id = newOrder();
        downstream.kitchen.mode(Mode.FAIL_500);
        assertProblem(pay(id), 502);

        // WHEN the owner cancels it while the kitchen is still failing
        HttpResponse<String> cancelled = cancel(id);

        // THEN it is cancelled, keeping its payment, and nothing was scheduled
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", read(cancelled).get("status").getStringValue());
        assertNotNull(read(cancelled).get("payment_id").getStringValue());
        assertTrue(downstream.schedulesFor(id).isEmpty());
    }

    @Test
    void twentyConcurrentPays_makeOnePaymentAndOneSchedule() throws Exception {
        // GIVEN a created order, and payments taking a moment so that the pays overlap
        String id = newOrder();
        downstream.payments.delay = Duration.ofMillis(300);
        downstream.payments.maxInFlight.set(0);

        // WHEN its owner pays 20 times at once
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<HttpResponse<String>>> pays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pays.add(() -> pay(id));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : pool.invokeAll(pays)) {
            answers.add(answer.get());
        }
        pool.shutdown();

        // THEN the pays really overlapped; each answered 200 (progress) or 409 (already progress, nothing to pay)
        assertTrue(downstream.payments.maxInFlight.get() > 1, "the pays did not overlap");
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        assertTrue(statuses.contains(200), statuses.toString());
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 200) {
                assertEquals("progress", read(answer).get("status").getStringValue());
            } else {
                assertProblem(answer, 409);
            }
        }
        // and there is one payment and one schedule, both on the order, which is in progress
        JsonNode order = read(api.get("/orders/" + id, token));
        assertEquals("progress", order.get("status").getStringValue());
        assertEquals(single(downstream.paymentsFor(id)).id(), order.get("payment_id").getStringValue());
        assertEquals(single(downstream.schedulesFor(id)).id(), order.get("schedule_id").getStringValue());
    }

    @Test
    void pay_returns409AndRecordsThePayment_whenTheOrderIsCancelledWhilePaymentsWorks() throws Exception {
        // GIVEN a pay held inside payments
        String id = newOrder();
        FakeDownstream.Hold hold = downstream.payments.hold();
        CompletableFuture<HttpResponse<String>> paying = CompletableFuture.supplyAsync(() -> pay(id));
        hold.awaitArrival();

        // WHEN the owner cancels meanwhile, then payments answers paid
        HttpResponse<String> cancelled = cancel(id);
        hold.release();
        HttpResponse<String> paid = paying.get();

        // THEN the cancel wins; the pay is a 409, and the cancelled order shows the payment that really went through
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertProblem(paid, 409);
        JsonNode order = read(api.get("/orders/" + id, token));
        assertEquals("cancelled", order.get("status").getStringValue());
        assertEquals(single(downstream.paymentsFor(id)).id(), order.get("payment_id").getStringValue());
        assertTrue(downstream.schedulesFor(id).isEmpty());
    }

    @Test
    void pay_returns409AndCancelsTheNewSchedule_whenTheOrderIsCancelledWhileTheKitchenWorks() throws Exception {
        // GIVEN a pay held inside the kitchen (the order is paid by then)
        String id = newOrder();
        FakeDownstream.Hold hold = downstream.kitchen.hold();
        CompletableFuture<HttpResponse<String>> paying = CompletableFuture.supplyAsync(() -> pay(id));
        hold.awaitArrival();

        // WHEN the owner cancels the paid order meanwhile, then the kitchen answers with a schedule
        HttpResponse<String> cancelled = cancel(id);
        hold.release();
        HttpResponse<String> paid = paying.get();

        // THEN the cancel wins; the pay is a 409, and the schedule made meanwhile is cancelled again
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertProblem(paid, 409);
        assertEquals("cancelled", read(api.get("/orders/" + id, token)).get("status").getStringValue());
        FakeDownstream.Schedule made = single(downstream.schedulesFor(id));
        assertEquals("cancelled", downstream.schedule(made.id()).status());
    }

    private String newOrder() {
        HttpResponse<String> created = api.postJson("/orders", ORDER, token);
        assertEquals(201, created.statusCode(), created.body());
        return read(created).get("id").getStringValue();
    }

    private HttpResponse<String> pay(String id) {
        return api.postJson("/orders/" + id + "/pay", null, token);
    }

    private HttpResponse<String> cancel(String id) {
        return api.postJson("/orders/" + id + "/cancel", null, token);
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private JsonNode read(HttpResponse<String> response) {
        return parse(response.body());
    }

    private JsonNode parse(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
