package io.canopy.shared.dynamodb;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The one DynamoDB client of a function, built once at init. Credentials come straight from the environment
 * variables Lambda sets (the SDK's default chain would first probe profiles and instance metadata, which only
 * slows the cold start); with an endpoint override (DynamoDB Local) fixed dummy credentials are used.
 */
@Factory
@Requires(classes = DynamoDbClient.class)
public class DynamoDbClientFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /** Bounds one call including the SDK's retries, so a request fails with 503 well within the Lambda timeout. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(@Value("${canopy.dynamodb.endpoint:}") String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1")))
                .overrideConfiguration(config -> config.apiCallTimeout(API_CALL_TIMEOUT));
        if (endpoint.isBlank()) {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        } else {
            // DynamoDB Local checks that a key id is letters and digits, nothing more.
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal")));
        }
        return builder.build();
    }
}
