package io.canopy.local.function;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One deployable function, as the runtime launches it.
 *
 * @param name      the endpoint group, e.g. {@code clock}; also the directory under {@code functions/}
 * @param artifact  the deployment package ({@code target/*-lambda.jar}), the same file Terraform uploads
 * @param handler   the Lambda handler string
 * @param memoryMb  Lambda memory size; the heap gets 85% of it, like the managed Java runtime
 * @param timeoutSeconds Lambda timeout
 */
public record FunctionSpec(String name, Path artifact, String handler, int memoryMb, int timeoutSeconds) {

    public static final String DEFAULT_HANDLER = "io.canopy.shared.lambda.HttpApiFunction";
    public static final int DEFAULT_MEMORY_MB = 1024;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public FunctionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(handler, "handler");
        if (memoryMb < 128) {
            throw new IllegalArgumentException("memoryMb must be at least 128, was " + memoryMb);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, was " + timeoutSeconds);
        }
    }

    public static FunctionSpec withDefaults(String name, Path artifact) {
        return new FunctionSpec(name, artifact, DEFAULT_HANDLER, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS);
    }

    public FunctionSpec withHandler(String newHandler) {
        return new FunctionSpec(name, artifact, newHandler, memoryMb, timeoutSeconds);
    }

    /** Heap size the Lambda Java runtime would give this memory size. */
    public int maxHeapMb() {
        return memoryMb * 85 / 100;
    }
}
