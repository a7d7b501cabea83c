package io.canopy.certificates.crypto;

import io.canopy.shared.aws.AwsClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.security.SecureRandom;
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

    @Context
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = KMS_KEY_ID, pattern = ".*\\S.*")
    KmsClient kmsClient(@Value("${canopy.certificates.kms-region}") String region,
                        @Value("${canopy.certificates.kms-endpoint:}") String endpoint) {
        return AwsClients.configure(KmsClient.builder(), region, endpoint).build();
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
