package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.PrivateKeyVault;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Chooses the master key from configuration: {@code CANOPY_KMS_KEY_ID} in AWS, else the local key files. */
@Factory
class VaultFactory {

    @Singleton
    @Bean(typed = {PrivateKeyVault.class, EnvelopeVault.class})
    EnvelopeVault vault(@Value("${canopy.certificates.kms-key-id:}") String kmsKeyId,
                        @Value("${canopy.certificates.master-key-file:}") String masterKeyFile,
                        @Value("${canopy.certificates.previous-master-key-files:}") String previousFiles) {
        SecureRandom random = new SecureRandom();
        return new EnvelopeVault(masterKey(kmsKeyId, masterKeyFile, previousFiles, random), random);
    }

    static MasterKey masterKey(String kmsKeyId, String masterKeyFile, String previousFiles, SecureRandom random) {
        if (!kmsKeyId.isBlank()) {
            KmsClient kms = KmsClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build())
                    .region(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1")))
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(8)))
                    .build();
            return new KmsMasterKey(kms, kmsKeyId);
        }
        if (masterKeyFile.isBlank()) {
            throw new IllegalStateException("No master key: set CANOPY_KMS_KEY_ID (AWS) or CANOPY_MASTER_KEY_FILE (local)");
        }
        List<Path> previous = Arrays.stream(previousFiles.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        return new LocalMasterKeys(Path.of(masterKeyFile), previous, random);
    }
}
