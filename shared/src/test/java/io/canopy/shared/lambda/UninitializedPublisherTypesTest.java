package io.canopy.shared.lambda;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.async.publisher.PublishersOptimizations;
import io.micronaut.core.optim.StaticOptimizations;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UninitializedPublisherTypesTest {

    @Test
    void namesAreMicronautsOwn() throws ReflectiveOperationException {
        assertEquals(micronautsNames("getNonSpecificReactiveTypeNames"),
                UninitializedPublisherTypes.NON_SPECIFIC_TYPE_NAMES);
        assertEquals(micronautsNames("getSingleTypeNames"), UninitializedPublisherTypes.SINGLE_TYPE_NAMES);
        assertEquals(micronautsNames("getCompletableTypeNames"), UninitializedPublisherTypes.COMPLETABLE_TYPE_NAMES);
    }

    @Test
    void publishersKnowTheTypesTheyWouldHaveFoundThemselves() throws ReflectiveOperationException {
        List<Class<?>> single = present(micronautsNames("getSingleTypeNames"));
        List<Class<?>> completable = present(micronautsNames("getCompletableTypeNames"));
        List<Class<?>> reactive = present(micronautsNames("getNonSpecificReactiveTypeNames"));
        reactive.addAll(single);
        reactive.addAll(completable);

        assertTrue(reactive.containsAll(List.of(Flux.class, Mono.class)), reactive::toString);
        assertEquals(reactive, Publishers.getKnownReactiveTypes());
        assertEquals(single, Publishers.getKnownSingleTypes());
        assertEquals(completable, Publishers.getKnownCompletableTypes());
        assertTrue(Publishers.isSingle(Mono.class));
        assertFalse(Publishers.isSingle(Flux.class));
    }

    @Test
    void isRegisteredWithMicronaut() {
        assertTrue(StaticOptimizations.get(PublishersOptimizations.class).isPresent(),
                "no PublishersOptimizations: META-INF/services/io.micronaut.core.optim.StaticOptimizations$Loader");
    }

    @SuppressWarnings("unchecked")
    private static List<String> micronautsNames(String method) throws ReflectiveOperationException {
        Method names = Publishers.class.getDeclaredMethod(method);
        names.setAccessible(true);
        return (List<String>) names.invoke(null);
    }

    private static List<Class<?>> present(List<String> names) {
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            try {
                types.add(Class.forName(name, false, UninitializedPublisherTypesTest.class.getClassLoader()));
            } catch (ClassNotFoundException absent) {
                // not on the class path, as Micronaut would skip it
            }
        }
        return types;
    }
}
