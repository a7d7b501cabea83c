package io.canopy.local.lambda;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One event handed to a function through the Runtime API, and what became of it. */
public final class Invocation {

    private final String requestId;
    private final byte[] event;
    private final Duration timeout;
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private long completedNanos; // written before result completes, read after

    Invocation(String requestId, byte[] event, Duration timeout) {
        this.requestId = requestId;
        this.event = event;
        this.timeout = timeout;
    }

    public String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    Duration timeout() {
        return timeout;
    }

    /** Completes with {@link System#nanoTime()} when the runtime picked the event up from {@code /next}. */
    public CompletableFuture<Long> delivered() {
        return delivered;
    }

    public CompletableFuture<InvocationResult> result() {
        return result;
    }

    synchronized void complete(InvocationResult outcome) {
        if (result.isDone()) {
            return;
        }
        // Recorded before the result is published, so whoever wakes on it reads a finished duration.
        completedNanos = System.nanoTime();
        // Nothing waits for a delivery that can no longer happen.
        delivered.complete(completedNanos);
        result.complete(outcome);
    }

    /** Time from hand-over to the runtime until its answer, like the {@code Duration} of a Lambda REPORT line. */
    public double durationMillis() {
        if (!result.isDone() || !delivered.isDone()) {
            return 0;
        }
        return (completedNanos - delivered.join()) / 1_000_000.0;
    }
}
