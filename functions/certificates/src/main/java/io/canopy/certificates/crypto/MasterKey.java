package io.canopy.certificates.crypto;

/** Wraps and unwraps data keys: a KMS key in AWS, local key files otherwise. */
public interface MasterKey {

    /** The key new data keys are wrapped with. */
    String currentKeyId();

    /** Wraps with the current key. */
    byte[] wrap(byte[] dataKey);

    /** Unwraps a data key wrapped by {@code keyId} (the current key or an earlier one). */
    byte[] unwrap(String keyId, byte[] wrapped);
}
