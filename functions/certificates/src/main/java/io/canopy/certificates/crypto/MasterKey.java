package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.UndecryptableKeyException;

/**
 * Wraps and unwraps data keys: a KMS key in AWS ({@link KmsMasterKey}), local key files otherwise
 * ({@link LocalMasterKeys}); {@link MasterKeyFactory} picks one from configuration. Key ids name a key without
 * revealing it and are stored with every row, so rows wrapped by an earlier key still open after a rotation.
 */
public interface MasterKey {

    /** The key new data keys are wrapped with: the re-wrap moves every row of another key to it. */
    String currentKeyId();

    /** Wraps with the current key; the answer names the key that really wrapped it (KMS reports the key ARN). */
    WrappedKey wrap(byte[] dataKey);

    /**
     * Unwraps a data key wrapped by {@code keyId} (the current key or an earlier one).
     *
     * @throws UndecryptableKeyException when {@code wrapped} was altered, was not made by {@code keyId}, or that key
     *                                   is unknown or gone; an unreachable key service throws its own exception
     */
    byte[] unwrap(String keyId, byte[] wrapped);

    /** A wrapped data key and the id of the master key that wrapped it. */
    record WrappedKey(String keyId, byte[] bytes) {
    }
}
