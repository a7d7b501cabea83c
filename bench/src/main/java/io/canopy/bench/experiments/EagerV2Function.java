package io.canopy.bench.experiments;

import io.canopy.shared.lambda.HttpApiFunction;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * Experiment (variant {@code eager}): the Micronaut payload 2.0 handler with every singleton created during init
 * ({@code eagerInitSingletons}), so the first request creates none. Shipping it would be one class in shared/.
 */
public class EagerV2Function extends HttpApiFunction {

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().eagerInitSingletons(true);
    }
}
