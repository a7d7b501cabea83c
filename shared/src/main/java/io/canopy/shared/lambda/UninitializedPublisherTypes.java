package io.canopy.shared.lambda;

import io.micronaut.core.async.publisher.PublishersOptimizations;
import io.micronaut.core.optim.StaticOptimizations;

import java.util.ArrayList;
import java.util.List;

/**
 * The reactive types Micronaut's {@code Publishers} knows, found without initializing them.
 * <p>
 * {@code Publishers} looks its types up by name with {@code Class.forName(name, true, ...)} the first time the router
 * asks whether a route is reactive. Initializing Reactor's {@code Flux} and {@code Mono} makes the JVM verify them,
 * which loads about 270 of their operator classes during every cold start, although no Canopy route returns a
 * publisher. Micronaut reads these lists from {@link StaticOptimizations} when one is registered (it is the hook
 * Micronaut AOT uses), so this loader registers the same types, in the same order, loaded but not initialized. A
 * class is initialized as usual the first time one of its methods runs.
 * <p>
 * The names are Micronaut's own ({@code Publishers}' private name lists); {@code UninitializedPublisherTypesTest}
 * fails if a Micronaut upgrade changes them.
 */
public final class UninitializedPublisherTypes implements StaticOptimizations.Loader<PublishersOptimizations> {

    static final List<String> NON_SPECIFIC_TYPE_NAMES = List.of(
            "io.reactivex.Observable",
            "reactor.core.publisher.Flux",
            "kotlinx.coroutines.flow.Flow",
            "io.reactivex.rxjava3.core.Flowable",
            "io.reactivex.rxjava3.core.Observable");

    static final List<String> SINGLE_TYPE_NAMES = List.of(
            "io.micronaut.core.async.publisher.CompletableFuturePublisher",
            "io.micronaut.core.async.publisher.Publishers$JustPublisher",
            "io.micronaut.core.async.publisher.Publishers$JustThrowPublisher",
            "io.reactivex.Single",
            "reactor.core.publisher.Mono",
            "io.reactivex.Maybe",
            "io.reactivex.rxjava3.core.Single",
            "io.reactivex.rxjava3.core.Maybe");

    static final List<String> COMPLETABLE_TYPE_NAMES = List.of(
            "io.reactivex.Completable",
            "io.reactivex.rxjava3.core.Completable",
            "io.micronaut.core.async.subscriber.Completable");

    @Override
    public PublishersOptimizations load() {
        ClassLoader loader = UninitializedPublisherTypes.class.getClassLoader();
        List<Class<?>> reactive = new ArrayList<>(present(NON_SPECIFIC_TYPE_NAMES, loader));
        List<Class<?>> single = present(SINGLE_TYPE_NAMES, loader);
        List<Class<?>> completable = present(COMPLETABLE_TYPE_NAMES, loader);
        reactive.addAll(single);
        reactive.addAll(completable);
        return new PublishersOptimizations(reactive, single, completable);
    }

    private static List<Class<?>> present(List<String> names, ClassLoader loader) {
        List<Class<?>> types = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                types.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError absent) {
                // Micronaut skips a type that is not on the class path, and so do we
            }
        }
        return types;
    }
}
