package io.canopy.testsupport;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The generated OpenAPI is the only source of routes for the gateway and Terraform, so every route the
 * controllers serve must be in it, and nothing else; and the routes it leaves open (no security requirement, so
 * the gateway lets anonymous requests through) must be exactly those the function itself leaves open. Compares
 * "METHOD /path/{var}" sets.
 */
public final class OpenApiRoutes {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiRoutes() {
    }

    /** Routes served by the controllers of this application context. */
    public static Set<String> ofRouter(Router router) {
        return ofRouter(router, route -> true);
    }

    /**
     * Routes the function serves without a token: those whose method or controller carries {@code anonymous}
     * (shared's {@code @Anonymous}, passed in because test-support cannot depend on shared).
     */
    public static Set<String> anonymousOfRouter(Router router, Class<? extends Annotation> anonymous) {
        return ofRouter(router, route -> route.getAnnotationMetadata().hasAnnotation(anonymous));
    }

    private static Set<String> ofRouter(Router router, Predicate<UriRouteInfo<?, ?>> filter) {
        return router.uriRoutes()
                .map(route -> (UriRouteInfo<?, ?>) route)
                // Micronaut answers HEAD for every GET by itself; the gateway forwards HEAD with the GET route.
                .filter(route -> !"HEAD".equals(route.getHttpMethodName()))
                .filter(filter)
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Operations of the OpenAPI document(s) micronaut-openapi wrote into META-INF/swagger on the classpath. */
    public static Set<String> ofOpenApi(ClassLoader classLoader, String documentPrefix) {
        return ofOpenApi(classLoader, documentPrefix, false);
    }

    /**
     * Operations the gateway serves without a token: their {@code security} (else the document's) is absent, empty
     * or contains {@code {}}, the rule of terraform/modules/http-api and the local gateway.
     */
    public static Set<String> anonymousOfOpenApi(ClassLoader classLoader, String documentPrefix) {
        return ofOpenApi(classLoader, documentPrefix, true);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ofOpenApi(ClassLoader classLoader, String documentPrefix, boolean anonymousOnly) {
        Set<String> operations = new TreeSet<>();
        try {
            Enumeration<URL> documents = classLoader.getResources("META-INF/swagger/");
            while (documents.hasMoreElements()) {
                URL directory = documents.nextElement();
                java.io.File[] files = new java.io.File(directory.toURI()).listFiles(
                        (dir, name) -> name.startsWith(documentPrefix) && name.endsWith(".yml"));
                if (files == null) {
                    continue;
                }
                for (java.io.File file : files) {
                    try (InputStream in = file.toURI().toURL().openStream()) {
                        Map<String, Object> document = new Yaml().load(in);
                        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
                        Object documentSecurity = document.get("security");
                        paths.forEach((path, item) -> item.forEach((method, operation) -> {
                            if (METHODS.contains(method) && (!anonymousOnly || isAnonymous(
                                    ((Map<String, Object>) operation).getOrDefault("security", documentSecurity)))) {
                                operations.add(method.toUpperCase() + " " + path);
                            }
                        }));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return operations;
    }

    private static boolean isAnonymous(Object security) {
        return !(security instanceof List<?> requirements) || requirements.isEmpty()
                || requirements.stream().anyMatch(requirement -> requirement instanceof Map<?, ?> map && map.isEmpty());
    }
}
