package io.canopy.local.lambda;

/** How one invocation ended, in the terms Lambda reports back to its caller. */
public sealed interface InvocationResult {

    /** The runtime posted a response; {@code payload} is exactly what the handler returned. */
    record Success(byte[] payload) implements InvocationResult {
    }

    /** The runtime posted to {@code /error} for this invocation; the environment stays up, as on Lambda. */
    record FunctionError(String errorType, byte[] payload) implements InvocationResult {
    }

    /** The handler could not be initialised ({@code /init/error}); the process exits. */
    record InitError(String errorType, byte[] payload) implements InvocationResult {
    }

    /** The function did not answer in time; its process is killed. */
    record Timeout() implements InvocationResult {
    }

    /** The function process exited while the invocation was pending (OOM, {@code System.exit}, a crash). */
    record Crashed(String reason) implements InvocationResult {
    }
}
