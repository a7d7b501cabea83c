package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Micronaut's default registers the invocation's Lambda {@link Context}, its logger, client context and identity as
 * singletons of the application context on every invocation. Each registration searches all bean definitions for
 * one to replace: measured with the benchmark harness, that was about 84% of a warm invocation of clock (~2 ms at
 * Lambda's C1-only JIT). No Canopy bean injects those objects (request ids come from the event), so nothing is
 * registered.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
class NoLambdaContextBeans implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context context) {
        // Deliberately nothing: see the class comment.
    }
}
