package io.canopy.certificates.domain;

/** A stored private key failed its integrity check: tampered, moved between rows, or its master key is unknown. */
public class UndecryptableKeyException extends RuntimeException {
    public UndecryptableKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
