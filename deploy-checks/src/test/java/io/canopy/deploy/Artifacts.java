package io.canopy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What each function's packaged artifact declares, read straight from functions/<group>/target/*-lambda.jar and
 * independently of Terraform and of the bundle: its OpenAPI routes, tables, event subscriptions and the environment
 * variables its configuration reads.
 */
final class Artifacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::|})");
    private static final String LOGGING_BACKEND = "io/canopy/shared/logging/JsonLines.class";
    private static final Pattern CANOPY_VARIABLE = Pattern.compile("CANOPY_[A-Z0-9_]+");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static Map<String, Artifact> all;

    record Route(String group, String key, boolean anonymous) {
    }

    record Artifact(String group, Path jar, Map<String, Object> openapi, JsonNode tables, JsonNode events,
                    String applicationProperties, String defaultsProperties, Set<String> loggingVariables, boolean postgres) {

        /** Every route key the gateway must have for this group: METHOD path per operation, ANY path per path. */
        @SuppressWarnings("unchecked")
        List<Route> routes() {
            List<Route> routes = new ArrayList<>();
            Map<String, Object> paths = (Map<String, Object>) openapi.get("paths");
            List<Object> documentSecurity = (List<Object>) openapi.get("security");
            paths.forEach((path, item) -> {
                ((Map<String, Object>) item).forEach((method, operation) -> {
                    if (METHODS.contains(method)) {
                        Map<String, Object> op = (Map<String, Object>) operation;
                        List<Object> security = op.containsKey("security") ? (List<Object>) op.get("security") : documentSecurity;
                        boolean anonymous = security == null || security.isEmpty()
                                || security.stream().anyMatch(r -> ((Map<?, ?>) r).isEmpty());
                        routes.add(new Route(group, method.toUpperCase() + " " + path, anonymous));
                    }
                });
                routes.add(new Route(group, "ANY " + path, true));
            });
            return routes;
        }

        /** Logical table names of META-INF/canopy/dynamodb-tables.json. */
        Set<String> tableNames() {
            Set<String> names = new TreeSet<>();
            tables.forEach(t -> names.add(t.get("TableName").asText()));
            return names;
        }

        /** Environment variables the function's application.properties reads (${NAME:...} placeholders). */
        Set<String> applicationPlaceholders() {
            return placeholders(applicationProperties);
        }

        /** Environment variables read by what every function shares: canopy-defaults.properties and the logging backend. */
        Set<String> sharedPlaceholders() {
            Set<String> names = placeholders(defaultsProperties);
            names.addAll(loggingVariables);
            return names;
        }

        Set<String> allPlaceholders() {
            Set<String> names = applicationPlaceholders();
            names.addAll(sharedPlaceholders());
            return names;
        }
    }

    private Artifacts() {
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static synchronized Map<String, Artifact> all() {
        if (all == null) {
            try {
                Map<String, Artifact> read = new LinkedHashMap<>();
                for (String group : DeployBundle.functionGroups(Repo.ROOT)) {
                    read.put(group, read(group, DeployBundle.artifact(Repo.ROOT, group)));
                }
                all = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    static Artifact of(String group) {
        return all().get(group);
    }

    @SuppressWarnings("unchecked")
    private static Artifact read(String group, Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry openapi = zip.stream().filter(e -> e.getName().matches("META-INF/swagger/[^/]+\\.ya?ml"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(jar + " has no OpenAPI document"));
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text(zip, openapi.getName()));
            String tables = text(zip, "META-INF/canopy/dynamodb-tables.json");
            String events = text(zip, "META-INF/canopy/events.json");
            boolean postgres = zip.stream().anyMatch(e -> e.getName().startsWith("db/migration/") && !e.isDirectory());
            return new Artifact(group, jar, document,
                    JSON.readTree(tables == null ? "[]" : tables), JSON.readTree(events == null ? "[]" : events),
                    required(zip, jar, "application.properties"), required(zip, jar, "canopy-defaults.properties"),
                    loggingVariables(zip, jar), postgres);
        }
    }

    /**
     * The variables the logging backend reads with System.getenv: the CANOPY_* names in its class file's constant pool
     * (where the compiler puts string constants as they are written).
     */
    private static Set<String> loggingVariables(ZipFile zip, Path jar) throws IOException {
        ZipEntry entry = zip.getEntry(LOGGING_BACKEND);
        if (entry == null) {
            throw new IllegalStateException(jar + " has no " + LOGGING_BACKEND);
        }
        try (var in = zip.getInputStream(entry)) {
            Matcher m = CANOPY_VARIABLE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group());
            }
            return names;
        }
    }

    /** A configuration file every artifact has: missing, its placeholders would go unchecked without a word. */
    private static String required(ZipFile zip, Path jar, String name) throws IOException {
        String text = text(zip, name);
        if (text == null) {
            throw new IllegalStateException(jar + " has no " + name);
        }
        return text;
    }

    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
