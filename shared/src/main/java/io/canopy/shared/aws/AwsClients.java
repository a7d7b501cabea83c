package io.canopy.shared.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;

/**
 * How every AWS client of a function is built, once at init: the JDK's HTTP client with short timeouts and buffered
 * request bodies ({@link BufferedBodiesHttpClient}), one bound on each call including the SDK's retries (so a request
 * fails with 503 well within the Lambda timeout), and Lambda's credentials. With an endpoint override (DynamoDB Local,
 * LocalStack, a local KMS double) fixed dummy credentials are used instead.
 */
public final class AwsClients {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);

    private AwsClients() {
    }

    /** Configures {@code builder} for {@code region}; a non-blank {@code endpoint} points it at a local emulator. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, String region, String endpoint) {
        builder.httpClient(new BufferedBodiesHttpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build()))
                .region(Region.of(region))
                .overrideConfiguration(config -> config.apiCallTimeout(API_CALL_TIMEOUT));
        builder.credentialsProvider(AwsEnvironment.credentialsFor(endpoint));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }
}
