package io.canopy.carbon.api;

import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageTypesControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void list_returnsTheSeededTypes_toAnyone() {
        HttpResponse<String> response = api.get("/usage-types", null);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"items\":[{\"id\":100,\"name\":\"electricity\",\"unit\":\"kwh\",\"factor\":1.5},"
                + "{\"id\":101,\"name\":\"water\",\"unit\":\"kg\",\"factor\":26.93},{\"id\":102,\"name\":\"heating\",\"unit\":\"kwh\",\"factor\":3.892},"
                + "{\"id\":103,\"name\":\"heating\",\"unit\":\"l\",\"factor\":8.57},{\"id\":104,\"name\":\"heating\",\"unit\":\"m3\",\"factor\":19.456}"),
                response.body());
    }

    @Test
    void changes_return403_forUsers() {
        String user = TestTokens.user(UUID.randomUUID());
        assertProblem(api.postJson("/usage-types", "{\"id\":800,\"name\":\"gas\",\"unit\":\"m3\",\"factor\":2}", user), 403);
        assertProblem(api.send("PUT", "/usage-types/100", "{\"name\":\"x\",\"unit\":\"y\",\"factor\":0}", user), 403);
        assertProblem(api.send("DELETE", "/usage-types/101", null, user), 403);
        assertTrue(api.get("/usage-types", null).body().contains("\"factor\":1.5"));
    }

    @Test
    void admin_createsReplacesAndDeletesATypeNoUsageReferences() {
        String admin = TestTokens.admin(UUID.randomUUID());
        HttpResponse<String> created = api.postJson("/usage-types", "{\"id\":801,\"name\":\"district heat\",\"unit\":\"kwh\",\"factor\":0.25}", admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/usage-types/801", created.headers().firstValue("Location").orElse(""));
        assertProblem(api.postJson("/usage-types", "{\"id\":801,\"name\":\"again\",\"unit\":\"kwh\",\"factor\":1}", admin), 409);

        HttpResponse<String> replaced = api.send("PUT", "/usage-types/801", "{\"name\":\"district heat\",\"unit\":\"kwh\",\"factor\":0.3}", admin);
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(api.get("/usage-types", null).body().contains("{\"id\":801,\"name\":\"district heat\",\"unit\":\"kwh\",\"factor\":0.3}"));

        assertEquals(204, api.send("DELETE", "/usage-types/801", null, admin).statusCode());
        assertProblem(api.send("DELETE", "/usage-types/801", null, admin), 404);
    }

    @Test
    void delete_returns409_whileAUsageReferencesTheType() {
        String admin = TestTokens.admin(UUID.randomUUID());
        api.postJson("/usage-types", "{\"id\":802,\"name\":\"coal\",\"unit\":\"kg\",\"factor\":2.4}", admin);
        String user = TestTokens.user(UUID.randomUUID());
        String id = api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":802}", user).body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        assertProblem(api.send("DELETE", "/usage-types/802", null, admin), 409);
        assertEquals(204, api.send("DELETE", "/usages/" + id, null, user).statusCode());
        assertEquals(204, api.send("DELETE", "/usage-types/802", null, admin).statusCode());
    }

    @Test
    void create_returns422_forInvalidFields() {
        String admin = TestTokens.admin(UUID.randomUUID());
        for (String body : new String[] {"{\"id\":0,\"name\":\"a\",\"unit\":\"b\",\"factor\":1}",
                "{\"id\":803,\"name\":\"\",\"unit\":\"b\",\"factor\":1}", "{\"id\":803,\"name\":\"a\",\"unit\":\"b\",\"factor\":-1}",
                "{\"id\":803,\"name\":\"a\",\"unit\":\"b\",\"factor\":\"1\"}", "{\"id\":803,\"name\":\"a\",\"unit\":\"b\"}",
                "{\"id\":803,\"name\":\"a\",\"unit\":\"b\",\"factor\":1,\"usage_count\":5}"}) {
            assertProblem(api.postJson("/usage-types", body, admin), 422);
        }
    }
}
