package io.canopy.certificates.domain;

/** Envelope encryption of private keys; {@code context} binds a sealed key to its row (id and owner). */
public interface PrivateKeyVault {

    SealedKey seal(byte[] privateKey, String context);

    /** @throws UndecryptableKeyException when the row was altered, moved to another row, or its master key is gone */
    byte[] open(SealedKey sealed, String context);
}
