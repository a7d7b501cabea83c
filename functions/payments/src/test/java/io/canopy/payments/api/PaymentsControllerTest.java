package io.canopy.payments.api;

import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payments through the real Lambda handler (the api-proxy test server) on DynamoDB Local: one payment per order (also
 * under 20 concurrent requests, counted in the table), the decline rule and retries after a decline,
 * Idempotency-Key, other users, bad input storing nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DynamoDbClient dynamoDb;

    private final Map<String, String> tables = TestDynamoDb.newTables();
    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(tables);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        // The concurrency tests must really overlap (see ConcurrentTestServer).
        properties.put(ConcurrentTestServer.PROPERTY, "true");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void pay_returns201WithLocationAndETag_thenTheSamePaymentWith200() {
        // GIVEN a user and an order of theirs
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String order = UUID.randomUUID().toString();

        // WHEN orders pays it, then pays it again (a retried pay)
        HttpResponse<String> first = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", token);
        HttpResponse<String> again = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", token);

        // THEN 201 paid with Location and ETag, then 200 with the same payment; one payment stored; GET shows it
        assertEquals(201, first.statusCode(), first.body());
        JsonNode payment = read(first);
        String id = payment.get("payment_id").getStringValue();
        assertEquals(order, payment.get("order_id").getStringValue());
        assertEquals("paid", payment.get("status").getStringValue());
        assertEquals(3, payment.size(), first.body());
        assertEquals("/payments/" + id, first.headers().firstValue("Location").orElse(""));
        assertEquals("\"1\"", first.headers().firstValue("ETag").orElse(""));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals(1, storedPayments(user).size());
        HttpResponse<String> got = api.get("/payments/" + id, token);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(first.body(), got.body());
        assertEquals("\"1\"", got.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void twentyConcurrentPays_ofOneOrder_storeExactlyOnePayment() throws Exception {
        // GIVEN a user and an order
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\"}";

        // WHEN 20 requests pay it at once
        List<HttpResponse<String>> answers = concurrently(20, () -> api.postJson("/payments", body, token));

        // THEN one 201 and nineteen 200s, all with one payment_id; the table holds one payment and one claim
        assertOnePaymentAmong(answers);
        assertEquals(1, storedPayments(user).size());
        assertEquals(1, claims(user));
    }

    @Test
    void declineRule_givesAnInvalidPayment_andALaterPayIsDecidedAgain() {
        // GIVEN a caller whose email matches the decline rule, and the same user once their email no longer does
        UUID user = UUID.randomUUID();
        String declined = TestTokens.builder(user).email("bob+decline@example.com").sign();
        String fixed = TestTokens.builder(user).email("bob@example.com").sign();
        String order = UUID.randomUUID().toString();

        // WHEN they pay while declined (twice), then after fixing it (twice)
        HttpResponse<String> first = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", declined);
        HttpResponse<String> second = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", declined);
        HttpResponse<String> paid = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", fixed);
        HttpResponse<String> paidAgain = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", fixed);

        // THEN 201 invalid, 200 with that same invalid payment (still declined), 201 paid, 200 with that paid payment
        assertEquals(201, first.statusCode(), first.body());
        assertEquals("invalid", read(first).get("status").getStringValue());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(first.body(), second.body());
        assertEquals(201, paid.statusCode(), paid.body());
        assertEquals("paid", read(paid).get("status").getStringValue());
        assertNotEquals(paymentId(first), paymentId(paid));
        assertEquals(200, paidAgain.statusCode(), paidAgain.body());
        assertEquals(paymentId(paid), paymentId(paidAgain));

        // and a declined caller paying the settled order gets the paid payment, not a new decision
        HttpResponse<String> afterPaid = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", declined);
        assertEquals(200, afterPaid.statusCode(), afterPaid.body());
        assertEquals(paymentId(paid), paymentId(afterPaid));

        // and the declined attempt stays readable; of the two stored, exactly one is paid
        assertEquals(first.body(), api.get("/payments/" + paymentId(first), declined).body());
        List<Map<String, AttributeValue>> stored = storedPayments(user);
        assertEquals(2, stored.size());
        assertEquals(1, stored.stream().filter(item -> item.get("status").s().equals("paid")).count());
        assertEquals(1, claims(user));
    }

    @Test
    void twentyConcurrentPays_byADeclinedCaller_shareOneDecision() throws Exception {
        // GIVEN a declined caller and an order
        UUID user = UUID.randomUUID();
        String token = TestTokens.builder(user).email("carol+decline@example.com").sign();
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\"}";

        // WHEN 20 requests pay it at once
        List<HttpResponse<String>> answers = concurrently(20, () -> api.postJson("/payments", body, token));

        // THEN they all answer the one invalid payment that was stored
        assertOnePaymentAmong(answers);
        assertTrue(answers.get(0).body().contains("\"status\":\"invalid\""), answers.get(0).body());
        assertEquals(1, storedPayments(user).size());
    }

    @Test
    void twentyConcurrentRetries_afterADecline_makeExactlyOnePaidPayment() throws Exception {
        // GIVEN an order whose payment was declined
        UUID user = UUID.randomUUID();
        String order = UUID.randomUUID().toString();
        String declined = TestTokens.builder(user).email("dave+decline@example.com").sign();
        assertEquals(201, api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", declined).statusCode());

        // WHEN the user, no longer declined, retries 20 times at once
        String fixed = TestTokens.builder(user).email("dave@example.com").sign();
        List<HttpResponse<String>> answers = concurrently(20, () -> api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", fixed));

        // THEN one payment made among them, paid, answered to all; stored: the declined one and one paid
        assertOnePaymentAmong(answers);
        assertTrue(answers.get(0).body().contains("\"status\":\"paid\""), answers.get(0).body());
        List<Map<String, AttributeValue>> stored = storedPayments(user);
        assertEquals(2, stored.size());
        assertEquals(1, stored.stream().filter(item -> item.get("status").s().equals("paid")).count());
    }

    @Test
    void idempotencyKey_replaysTheFirstAnswer_andRefusesAnotherBody() {
        // GIVEN a user and a key
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String key = "pay-" + UUID.randomUUID();
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\"}";

        // WHEN they pay with the key, repeat it, then send the key with another order
        HttpResponse<String> first = api.send("POST", "/payments", body, token, "Idempotency-Key", key);
        HttpResponse<String> replayed = api.send("POST", "/payments", body, token, "Idempotency-Key", key);
        HttpResponse<String> otherBody = api.send("POST", "/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", token, "Idempotency-Key", key);

        // THEN the first answer (201) comes back marked as replayed; another body is 422; one payment stored
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, replayed.statusCode(), replayed.body());
        assertEquals(first.body(), replayed.body());
        assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first.headers().firstValue("Location"), replayed.headers().firstValue("Location"));
        assertProblem(otherBody, 422);
        assertEquals(1, storedPayments(user).size());

        // and another user's identical key is theirs alone
        HttpResponse<String> someoneElse = api.send("POST", "/payments", body, TestTokens.user(UUID.randomUUID()), "Idempotency-Key", key);
        assertEquals(201, someoneElse.statusCode(), someoneElse.body());
        assertNotEquals(paymentId(first), paymentId(someoneElse));
    }

    @Test
    void anotherUsersPayment_is404_andStaysTheirs() {
        // GIVEN Alice's payment
        String alice = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        HttpResponse<String> alices = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", alice);

        // WHEN Bob reads it, and pays the same order id
        String bob = TestTokens.user(UUID.randomUUID());
        HttpResponse<String> read = api.get("/payments/" + paymentId(alices), bob);
        HttpResponse<String> bobs = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", bob);

        // THEN 404; Bob's pay is a payment of his own (201, another id); Alice's is unchanged
        assertProblem(read, 404);
        assertEquals(201, bobs.statusCode(), bobs.body());
        assertNotEquals(paymentId(alices), paymentId(bobs));
        assertEquals(alices.body(), api.get("/payments/" + paymentId(alices), alice).body());
        assertProblem(api.get("/payments/" + paymentId(bobs), alice), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-000000000000", "not-a-uuid", "1-1-1-1-1", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"})
    void getPayment_returns404_forAnUnknownOrMalformedId(String id) {
        assertProblem(api.get("/payments/" + id, TestTokens.user(UUID.randomUUID())), 404);
    }

    @Test
    void everyRoute_returns401_withoutAValidToken() {
        // GIVEN a payment, no token and a token signed by an unknown key
        String id = paymentId(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", TestTokens.user(UUID.randomUUID())));
        String forged = TestTokens.builder(UUID.randomUUID()).signedByUnknownKey().sign();

        for (String token : new String[] {null, forged}) {
            // WHEN each route is called with it / THEN 401 asking for a bearer token
            for (HttpResponse<String> answer : List.of(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", token),
                    api.get("/payments/" + id, token))) {
                assertProblem(answer, 401);
                assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), answer.headers().toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"order_id\":null}", "{\"order_id\":\"x\"}", "{\"order_id\":\"1-1-1-1-1\"}",
            "{\"order_id\":\"{ORDER}\"}", "{\"order_id\":\" ORDER\"}", "{\"order_id\":42}", "{\"order_id\":true}",
            "{\"order_id\":[\"ORDER\"]}", "{\"order_id\":{}}", "{\"order_id\":\"ORDER\",\"status\":\"paid\"}",
            "{\"order_id\":\"ORDER\",\"amount\":100}", "{\"order_id\":\"ORDER\",\"payment_id\":\"ORDER\"}"})
    void pay_returns422AndStoresNothing_forInvalidInput(String body) {
        // GIVEN a user
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);

        // WHEN they send the invalid body
        HttpResponse<String> answer = api.postJson("/payments", body.replace("ORDER", UUID.randomUUID().toString()), token);

        // THEN a 422 problem with field errors, and nothing in their partition
        assertProblem(answer, 422);
        assertTrue(answer.body().contains("\"errors\":[{\"field\":"), answer.body());
        assertEquals(0, partition(user).size());
    }

    @Test
    void pay_returns400Or422AndStoresNothing_forABadBodyOrKey() {
        // GIVEN a user
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\"}";

        // WHEN the body is not a JSON object, or the Idempotency-Key is too long or not printable ASCII
        HttpResponse<String> truncated = api.postJson("/payments", "{\"order_id\":", token);
        HttpResponse<String> array = api.postJson("/payments", "[]", token);
        HttpResponse<String> longKey = api.send("POST", "/payments", body, token, "Idempotency-Key", "k".repeat(256));
        HttpResponse<String> spaceKey = api.send("POST", "/payments", body, token, "Idempotency-Key", "a key");

        // THEN 400, 400, 422, 422; nothing stored
        assertProblem(truncated, 400);
        assertProblem(array, 400);
        assertProblem(longKey, 422);
        assertProblem(spaceKey, 422);
        assertEquals(0, partition(user).size());
    }

    @Test
    void health_returns200Up_withoutAToken() {
        HttpResponse<String> health = api.get("/health/payments", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", read(health).get("status").getStringValue());
        assertEquals("UP", read(health).get("checks").get("dynamodb").getStringValue());
    }

    private void assertOnePaymentAmong(List<HttpResponse<String>> answers) {
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (HttpResponse<String> answer : answers) {
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201, answer.statusCode() + " " + answer.body());
            created += answer.statusCode() == 201 ? 1 : 0;
            ids.add(paymentId(answer));
        }
        assertEquals(1, created);
        assertEquals(1, ids.size(), ids.toString());
    }

    private List<HttpResponse<String>> concurrently(int n, Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : pool.invokeAll(Collections.nCopies(n, call))) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    /** Every item in the user's partition of {@code payments-payments}: payments and order claims. */
    private List<Map<String, AttributeValue>> partition(UUID user) {
        return dynamoDb.query(r -> r.tableName(tables.get("canopy.dynamodb.table-prefix") + "payments-payments").consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + user)))).items();
    }

    private List<Map<String, AttributeValue>> storedPayments(UUID user) {
        return partition(user).stream().filter(item -> item.get("sk").s().startsWith("PAYMENT#")).toList();
    }

    private long claims(UUID user) {
        return partition(user).stream().filter(item -> item.get("sk").s().startsWith("ORDER#")).count();
    }

    private String paymentId(HttpResponse<String> response) {
        return read(response).get("payment_id").getStringValue();
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
