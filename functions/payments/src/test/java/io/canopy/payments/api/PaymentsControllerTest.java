package io.canopy.payments.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.OpenApiRoutes;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the real Lambda handler on DynamoDB Local. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    Router router;

    private final Map<String, String> tables = TestDynamoDb.newTables();
    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(tables);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        // The concurrency tests below must really overlap (see ConcurrentTestServer).
        properties.put(ConcurrentTestServer.PROPERTY, "true");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void pay_returns201_thenTheSamePaymentWith200() {
        String token = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        HttpResponse<String> first = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", token);
        HttpResponse<String> again = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", token);
        assertEquals(201, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"status\":\"paid\""), first.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(paymentId(first), paymentId(again));
        assertEquals(200, api.get("/payments/" + paymentId(first), token).statusCode());
    }

    @Test
    void twentyConcurrentPays_ofOneOrder_storeOnePayment() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String order = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<HttpResponse<String>>> pays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pays.add(() -> api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", token));
        }
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<HttpResponse<String>> response : pool.invokeAll(pays)) {
            assertTrue(response.get().statusCode() == 200 || response.get().statusCode() == 201, response.get().body());
            created += response.get().statusCode() == 201 ? 1 : 0;
            ids.add(paymentId(response.get()));
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(1, ids.size());
        // counted in the store: the user's partition holds one payment and the order's one claim
        var items = context.getBean(DynamoDbClient.class).query(r -> r
                .tableName(tables.get("canopy.dynamodb.table-prefix") + "payments-payments").consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + user)))).items();
        assertEquals(1, items.stream().filter(item -> item.get("sk").s().startsWith("PAYMENT#")).count());
        assertEquals(1, items.stream().filter(item -> item.get("sk").s().startsWith("ORDER#")).count());
    }

    @Test
    void declineRule_givesAnInvalidPayment_andARetryIsEvaluatedAgain() {
        UUID user = UUID.randomUUID();
        String declined = TestTokens.builder(user).email("bob+decline@example.com").sign();
        String order = UUID.randomUUID().toString();
        HttpResponse<String> first = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", declined);
        assertEquals(201, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"status\":\"invalid\""), first.body());
        HttpResponse<String> fixed = api.postJson("/payments", "{\"order_id\":\"" + order + "\"}", TestTokens.user(user));
        assertEquals(201, fixed.statusCode(), fixed.body());
        assertTrue(fixed.body().contains("\"status\":\"paid\""), fixed.body());
    }

    @Test
    void anotherUsersPayment_is404_andBadInputIs4xx() {
        String alice = TestTokens.user(UUID.randomUUID());
        String id = paymentId(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", alice));
        assertProblem(api.get("/payments/" + id, TestTokens.user(UUID.randomUUID())), 404);
        assertProblem(api.get("/payments/nope", alice), 404);
        assertProblem(api.postJson("/payments", "{}", alice), 422);
        assertProblem(api.postJson("/payments", "{\"order_id\":\"x\"}", alice), 422);
        assertProblem(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"status\":\"paid\"}", alice), 422);
        assertProblem(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", null), 401);
    }

    @Test
    void userDeleted_erasesPayments() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String id = paymentId(api.postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", token));
        String event = "{\"id\":\"e\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + user + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"));
        assertProblem(api.get("/payments/" + id, token), 404);
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("POST /payments", "GET /payments/{id}", "GET /health/payments"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-payments"));
    }

    private static String paymentId(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"payment_id\":\"([^\"]+)\".*", "$1");
    }
}
