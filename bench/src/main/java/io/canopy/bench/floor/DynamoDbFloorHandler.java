package io.canopy.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The no-framework floor for a DynamoDB read: one GetItem with the AWS SDK v2 (url-connection-client), the client
 * built once at init with the same settings as Canopy's {@code DynamoDbClientFactory}. Reads the item whose
 * {@code pk} is the path parameter {@code id} (or {@code BENCH_FLOOR_ITEM}) from {@code BENCH_FLOOR_TABLE}.
 */
public final class DynamoDbFloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String TABLE = env("BENCH_FLOOR_TABLE", "bench-floor");
    private static final String DEFAULT_ITEM = env("BENCH_FLOOR_ITEM", "item-1");
    private static final DynamoDbClient DYNAMODB = client();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = event.getPathParameters();
        String id = path != null && path.get("id") != null ? path.get("id") : DEFAULT_ITEM;
        GetItemResponse response = DYNAMODB.getItem(get -> get.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(id))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return FloorResponses.notFound();
        }
        Map<String, AttributeValue> item = response.item();
        String body = "{\"id\":" + FloorResponses.quote(item.get("pk").s())
                + ",\"name\":" + FloorResponses.quote(item.containsKey("name") ? item.get("name").s() : null)
                + ",\"amount\":" + (item.containsKey("amount") ? item.get("amount").n() : "null") + "}";
        return FloorResponses.json(200, body);
    }

    private static DynamoDbClient client() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .region(Region.of(env("AWS_REGION", "us-east-1")))
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(8)));
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        } else {
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal")));
        }
        return builder.build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
