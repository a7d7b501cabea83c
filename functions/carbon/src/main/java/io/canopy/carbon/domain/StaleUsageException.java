package io.canopy.carbon.domain;

/** A conditional write lost: the usage changed (or went) since it was read. */
public class StaleUsageException extends RuntimeException {
    public StaleUsageException() {
        super("The usage changed since it was read.");
    }
}
