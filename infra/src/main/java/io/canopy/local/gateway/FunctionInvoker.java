package io.canopy.local.gateway;

import io.canopy.local.lambda.InvocationResult;

/** How the gateway reaches a function; the local runtime passes its Lambda emulation. */
@FunctionalInterface
public interface FunctionInvoker {

    InvocationResult invoke(String function, byte[] event) throws InterruptedException;
}
