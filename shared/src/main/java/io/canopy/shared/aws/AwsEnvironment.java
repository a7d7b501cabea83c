package io.canopy.shared.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The region and credentials Lambda gives a function. Apart from {@link AwsClients} so that a function with no AWS
 * client (only the SDK's {@code auth} module, for a signed call such as
 * {@link io.canopy.shared.secrets.SecretsManagerSecrets}) never links a class that names an HTTP client it lacks.
 */
public final class AwsEnvironment {

    private AwsEnvironment() {
    }

    /** The region Lambda runs the function in ({@code AWS_REGION}), us-east-1 elsewhere. */
    public static String region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }

    /**
     * Lambda's credentials. A plain start gets them as environment variables; a function restored from a SnapStart
     * snapshot (and its init) has none and gets them from the container endpoint
     * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), whose provider refreshes them before they expire. The SDK's
     * default chain would find both too, but only after probing system properties, web identity, profile files and
     * instance metadata, which costs the cold start. One provider for the whole function, so that its AWS clients
     * and secret reads fetch and refresh the credentials once, not each on its own.
     */
    public static AwsCredentialsProvider lambdaCredentials() {
        return LambdaCredentials.PROVIDER;
    }

    /** Built on first use: a function that calls no AWS service never loads the providers. */
    private static final class LambdaCredentials {
        static final AwsCredentialsProvider PROVIDER = AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
                .build();
    }

    /** For a local emulator (DynamoDB Local checks that a key id is letters and digits, nothing more; LocalStack accepts anything). */
    public static AwsCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal"));
    }

    /** {@link #lambdaCredentials()}, or {@link #localCredentials()} when {@code endpoint} points at an emulator. */
    public static AwsCredentialsProvider credentialsFor(String endpoint) {
        return endpoint == null || endpoint.isBlank() ? lambdaCredentials() : localCredentials();
    }
}
