package io.canopy.shared.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;

/**
 * How every AWS client of a function is built, once at init: the JDK's HTTP client with short timeouts, one bound on
 * each call including the SDK's retries (so a request fails with 503 well within the Lambda timeout), and Lambda's
 * credentials. With an endpoint override (DynamoDB Local, LocalStack, a local KMS double) fixed dummy credentials are
 * used instead.
 */
public final class AwsClients {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);

    private AwsClients() {
    }

    /** Configures {@code builder} for {@code region}; a non-blank {@code endpoint} points it at a local emulator. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, String region, String endpoint) {
        builder.httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(Region.of(region))
                .overrideConfiguration(config -> config.apiCallTimeout(API_CALL_TIMEOUT));
        if (endpoint == null || endpoint.isBlank()) {
            builder.credentialsProvider(lambdaCredentials());
        } else {
            // DynamoDB Local checks that a key id is letters and digits, nothing more; LocalStack accepts anything.
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal")));
        }
        return builder;
    }

    /** The region Lambda runs the function in ({@code AWS_REGION}), us-east-1 elsewhere. */
    public static String lambdaRegion() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }

    /**
     * Lambda's credentials. A plain start gets them as environment variables; a function restored from a SnapStart
     * snapshot has none and gets them from the container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), whose
     * provider refreshes them before they expire. The SDK's default chain would find both too, but only after probing
     * system properties, web identity, profile files and instance metadata, which costs the cold start.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
                .build();
    }
}
