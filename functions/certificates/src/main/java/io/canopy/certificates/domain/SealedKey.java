package io.canopy.certificates.domain;

/**
 * A private key as stored: AES-256-GCM {@code ciphertext} (with its tag) under a random data key, the GCM
 * {@code nonce}, and the data key {@code wrappedKey} by the master key {@code keyId}. Nothing here reveals the key.
 */
public record SealedKey(byte[] ciphertext, byte[] nonce, byte[] wrappedKey, String keyId) {
}
