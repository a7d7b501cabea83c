package io.canopy.certificates.crypto;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The master key, chosen by configuration: {@code canopy.certificates.kms-key-id} ({@code CANOPY_KMS_KEY_ID}) set →
 * AWS KMS; otherwise the local key file {@code canopy.certificates.master-key-file} ({@code CANOPY_MASTER_KEY_FILE})
 * and the earlier ones in {@code previous-master-key-files}. Both are built at init ({@link Context}): a function
 * without a usable master key refuses to start, and the KMS client is ready before the first request (SnapStart).
 */
@Factory
class MasterKeyFactory {

    static final String KMS_KEY_ID = "canopy.certificates.kms-key-id";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /** One KMS call including the SDK's retries, well within the Lambda timeout. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);

    @Context
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = KMS_KEY_ID, pattern = ".*\\S.*")
    KmsClient kmsClient(@Value("${canopy.certificates.kms-region}") String region,
                        @Value("${canopy.certificates.kms-endpoint:}") String endpoint) {
        KmsClientBuilder builder = KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build())
                .region(Region.of(region))
                .overrideConfiguration(config -> config.apiCallTimeout(API_CALL_TIMEOUT));
        if (endpoint.isBlank()) {
            // Lambda's own variables; the SDK's default chain would first probe profiles and instance metadata.
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        } else {
            // LocalStack or a test double: any credentials will do.
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal")));
        }
        return builder.build();
    }

    @Context
    @Singleton
    @Requires(property = KMS_KEY_ID, pattern = ".*\\S.*")
    MasterKey kmsMasterKey(KmsClient kms, @Value("${" + KMS_KEY_ID + "}") String keyId) {
        return new KmsMasterKey(kms, keyId.strip());
    }

    @Context
    @Singleton
    @Requires(property = KMS_KEY_ID, pattern = "\\s*")
    MasterKey localMasterKeys(@Value("${canopy.certificates.master-key-file:}") String masterKeyFile,
                              @Value("${canopy.certificates.previous-master-key-files:}") String previousFiles) {
        if (masterKeyFile.isBlank()) {
            throw new IllegalStateException("No master key for the certificates' private keys: set CANOPY_KMS_KEY_ID (AWS KMS)"
                    + " or CANOPY_MASTER_KEY_FILE (a local 256-bit key file)");
        }
        List<Path> previous = Arrays.stream(previousFiles.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        return new LocalMasterKeys(Path.of(masterKeyFile.strip()), previous, new SecureRandom());
    }
}
