package io.canopy.bench.experiments;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Experiment (variant {@code eager}): the Micronaut payload 2.0 handler with every singleton created during init
 * ({@code eagerInitSingletons}), so the first request creates none. Shipping it would be one class in shared/.
 */
public class EagerV2Function extends APIGatewayV2HTTPEventFunction {

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().eagerInitSingletons(true);
    }
}
