package io.canopy.testsupport;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The generated OpenAPI is the only source of routes for the gateway and Terraform, so every route the
 * controllers serve must be in it, and nothing else. Compares "METHOD /path/{var}" sets.
 */
public final class OpenApiRoutes {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiRoutes() {
    }

    /** Routes served by the controllers of this application context. */
    public static Set<String> ofRouter(Router router) {
        return router.uriRoutes()
                .map(route -> (UriRouteInfo<?, ?>) route)
                // Micronaut answers HEAD for every GET by itself; the gateway forwards HEAD with the GET route.
                .filter(route -> !"HEAD".equals(route.getHttpMethodName()))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Operations of the OpenAPI document(s) micronaut-openapi wrote into META-INF/swagger on the classpath. */
    @SuppressWarnings("unchecked")
    public static Set<String> ofOpenApi(ClassLoader classLoader, String documentPrefix) {
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
                        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
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
}
