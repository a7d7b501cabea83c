package io.canopy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.local.function.FunctionDiscovery;
import io.canopy.local.gateway.GatewayServer;
import io.canopy.local.testfunction.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole runtime over a fake function module ({@code functions/fake/target/fake-lambda.jar} built from the test
 * handler, its OpenAPI and a tables file): real PostgreSQL, DynamoDB Local, RIC process and gateway.
 */
class LocalRuntimeTest {

    @TempDir
    static Path projectRoot;
    private static LocalRuntime runtime;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        TestFunctions.lambdaJar(projectRoot.resolve("functions/fake/target/canopy-fake-function-0.1.0-lambda.jar"), Map.of(
                "META-INF/swagger/canopy-fake-0.1.yml", TestFunctions.resource("fixtures/openapi-fake.yml"),
                "META-INF/canopy/dynamodb-tables.json", TestFunctions.resource("fixtures/dynamodb-tables.json")));
        Files.writeString(projectRoot.resolve("functions/fake/.lambda-function"), "");
        runtime = LocalRuntime.start(LocalRuntimeConfig.defaults(projectRoot).withPort(0)
                .withHandler("fake", "io.canopy.local.testfunction.EchoHandler"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void gateway_returns401WithBearerChallenge_whenProtectedRouteHasNoToken() throws Exception {
        // WHEN
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/1")).GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void gateway_returns404_whenPathIsUnknown() throws Exception {
        // WHEN
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nowhere")).GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void gateway_returns413_whenBodyExceedsLambdaPayloadLimit() throws Exception {
        // WHEN a 5 MiB body is sent
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo"))
                .header("Content-Type", "application/octet-stream")
                .method("PUT", HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024])));

        // THEN
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void gateway_invokesFunctionWithPayloadV2Event_andMapsItsResponse_whenRouteIsAnonymous() throws Exception {
        // WHEN
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo?x=1&x=2"))
                .header("Cookie", "a=1; b=2").GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /echo");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1&x=2");
        assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(event.path("headers").path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(event.path("requestContext").path("requestId").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    @Test
    void gateway_invokesFunctionUnderAnyRouteWithoutAuthorizer_whenMethodIsNotDeclared() throws Exception {
        // WHEN PUT, which /echo does not declare, is sent without a token
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PUT", HttpRequest.BodyPublishers.ofString("a=b")));

        // THEN
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("routeKey").asText()).isEqualTo("ANY /echo");
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)).isEqualTo("a=b");
    }

    @Test
    void gateway_returns500_whenFunctionCrashes() throws Exception {
        // WHEN
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/crash")).GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void gateway_servesMergedOpenApiAndSwaggerUi_withoutToken() throws Exception {
        // WHEN
        HttpResponse<String> openApi = send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET());
        HttpResponse<String> docs = send(HttpRequest.newBuilder(uri("/docs/")).GET());
        HttpResponse<String> initializer = send(HttpRequest.newBuilder(uri("/docs/swagger-initializer.js")).GET());

        // THEN
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("title: Canopy API").contains("/echo/{id}")
                .contains("url: " + runtime.issuer());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui-bundle.js");
        assertThat(initializer.body()).contains("\"/openapi.yaml\"").contains("persistAuthorization: true");
    }

    @Test
    void start_preparesDatabaseTablesAndOwnerOnlySecrets() throws Exception {
        try (Connection connection = DriverManager.getConnection(runtime.jdbcUrl(), "postgres", "postgres")) {
            assertThat(connection.getCatalog()).isEqualTo("canopy");
        }
        HttpResponse<String> tables = http.send(HttpRequest.newBuilder(runtime.dynamoDbEndpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tables.body()).contains("canopy-fixture-orders");

        Path key = runtime.secrets().signingKeyFile();
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(runtime.secrets().masterKeyFile()).trim())).hasSize(32);
    }

    @Test
    void start_throwsPortInUseNamingPortAndFlag_whenPortIsTaken() throws Exception {
        // GIVEN a port that is taken
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // WHEN / THEN
            assertThatThrownBy(() -> LocalRuntime.start(LocalRuntimeConfig.defaults(projectRoot).withPort(taken.getLocalPort())))
                    .isInstanceOf(GatewayServer.PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " is already in use")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void start_throwsNoFunctionsAskingToPackage_whenNothingWasBuilt(@TempDir Path emptyProject) {
        assertThatThrownBy(() -> LocalRuntime.start(LocalRuntimeConfig.defaults(emptyProject).withPort(0)))
                .isInstanceOf(FunctionDiscovery.NoFunctionsException.class)
                .hasMessageContaining("run ./mvnw package first");
    }

    private static URI uri(String path) {
        return runtime.baseUri().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
