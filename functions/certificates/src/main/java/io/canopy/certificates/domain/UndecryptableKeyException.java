package io.canopy.certificates.domain;

/**
 * A stored private key does not open: the row was altered or moved to another row, or its master key is unknown
 * or gone. Never thrown for a key service that is merely unreachable (that is a 503, and the row is fine).
 * The message names the row's key id and what failed, never key material.
 */
public class UndecryptableKeyException extends RuntimeException {

    public UndecryptableKeyException(String message) {
        super(message);
    }

    public UndecryptableKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
