package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.UndecryptableKeyException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

import java.util.Map;

/**
 * The master key in AWS KMS. Data keys are wrapped with {@code Encrypt} under {@code CANOPY_KMS_KEY_ID} (a key id,
 * ARN or alias) and unwrapped with {@code Decrypt} naming the key ARN stored with the row, so rows wrapped by an
 * earlier key still open as long as that key exists and the role may use it. The stored key id is the key ARN KMS
 * reports for each {@code Encrypt}. The encryption context binds wrapped keys to this use.
 *
 * <p>KMS's answers that the ciphertext or key is wrong become {@link UndecryptableKeyException}; throttling, 5xx and
 * network failures propagate as they are (the shared handler answers 503 for them).
 */
public final class KmsMasterKey implements MasterKey {

    static final Map<String, String> CONTEXT = Map.of("purpose", "canopy-certificate-data-key");

    private final KmsClient kms;
    private final String keyId;

    public KmsMasterKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** The ARN behind the configured key id or alias ({@code DescribeKey}); only the re-wrap asks. */
    @Override
    public String currentKeyId() {
        return kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn();
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        EncryptResponse response = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey)).encryptionContext(CONTEXT));
        return new WrappedKey(response.keyId(), response.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(String storedKeyId, byte[] wrapped) {
        try {
            return kms.decrypt(r -> r.keyId(storedKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped)).encryptionContext(CONTEXT))
                    .plaintext().asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException | InvalidArnException | NotFoundException
                 | DisabledException | KmsInvalidStateException e) {
            throw new UndecryptableKeyException("KMS refuses to unwrap the data key with " + storedKeyId + ": " + errorCode(e), e);
        }
    }

    private static String errorCode(KmsException e) {
        return e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
    }
}
