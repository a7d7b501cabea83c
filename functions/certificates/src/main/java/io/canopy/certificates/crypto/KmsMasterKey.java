package io.canopy.certificates.crypto;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.Map;

/**
 * The master key in AWS KMS: data keys are wrapped with {@code Encrypt} and unwrapped with {@code Decrypt} (the
 * ciphertext names its KMS key, so rows wrapped by an earlier key still open while the role may use it). The key id
 * stored per row is the key ARN KMS reports. The encryption context ties wrapped keys to this use.
 */
public final class KmsMasterKey implements MasterKey {

    private static final Map<String, String> CONTEXT = Map.of("purpose", "canopy-certificate-data-key");

    private final KmsClient kms;
    private final String keyId;
    private volatile String currentKeyArn;

    public KmsMasterKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String currentKeyId() {
        if (currentKeyArn == null) {
            currentKeyArn = kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn();
        }
        return currentKeyArn;
    }

    @Override
    public byte[] wrap(byte[] dataKey) {
        return kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey)).encryptionContext(CONTEXT))
                .ciphertextBlob().asByteArray();
    }

    @Override
    public byte[] unwrap(String storedKeyId, byte[] wrapped) {
        return kms.decrypt(r -> r.keyId(storedKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped)).encryptionContext(CONTEXT))
                .plaintext().asByteArray();
    }
}
