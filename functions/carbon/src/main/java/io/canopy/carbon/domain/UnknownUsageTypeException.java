package io.canopy.carbon.domain;

/** The usage type a write names does not exist (any more). */
public class UnknownUsageTypeException extends RuntimeException {
    public UnknownUsageTypeException() {
        super("No such usage type.");
    }
}
