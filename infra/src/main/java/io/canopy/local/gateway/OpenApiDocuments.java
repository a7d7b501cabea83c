package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI documents micronaut-openapi generated into each artifact: the single source of the route table and
 * of the merged document served at {@code /openapi.yaml}.
 */
public final class OpenApiDocuments {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Logger log = LoggerFactory.getLogger(OpenApiDocuments.class);

    /** One document and the function whose artifact it came from. */
    public record FunctionDocument(String function, ObjectNode document) {

        public static FunctionDocument parse(String function, byte[] yaml) throws IOException {
            JsonNode node = YAML.readTree(yaml);
            if (!(node instanceof ObjectNode document)) {
                throw new IOException("OpenAPI document of " + function + " is not a mapping");
            }
            return new FunctionDocument(function, document);
        }
    }

    private OpenApiDocuments() {
    }

    /**
     * One route per operation. An operation is anonymous when neither it nor the document declares
     * {@code security}, when the list is empty, or when it holds an empty requirement {@code {}} (authentication
     * optional, which the gateway cannot express: the function decides).
     */
    public static List<Route> routes(List<FunctionDocument> documents) {
        List<Route> routes = new ArrayList<>();
        for (FunctionDocument doc : documents) {
            JsonNode globalSecurity = doc.document().get("security");
            doc.document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    JsonNode security = op.getValue().has("security") ? op.getValue().get("security") : globalSecurity;
                    routes.add(new Route(op.getKey().toUpperCase(), path.getKey(), doc.function(), requiresAuth(security)));
                }
            }));
        }
        return routes;
    }

    static boolean requiresAuth(JsonNode security) {
        if (security == null || !security.isArray() || security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.isObject() && requirement.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Merges paths, every {@code components} section and tags into one document titled "Canopy API" whose only
     * server is {@code serverUrl}. A document-level {@code security} moves onto its operations first, so it keeps
     * applying only to the operations it applied to.
     */
    public static ObjectNode merge(List<FunctionDocument> documents, String serverUrl) {
        ObjectNode merged = YAML.createObjectNode();
        merged.put("openapi", documents.stream().map(d -> d.document().path("openapi").asText(null))
                .filter(v -> v != null).findFirst().orElse("3.0.1"));
        ObjectNode info = merged.putObject("info");
        info.put("title", "Canopy API");
        info.put("version", documents.stream().map(d -> d.document().path("info").path("version").asText(null))
                .filter(v -> v != null).findFirst().orElse("local"));
        info.put("description", "All endpoint groups behind one HTTP API: "
                + String.join(", ", documents.stream().map(FunctionDocument::function).toList()) + ".");
        merged.putArray("servers").addObject().put("url", serverUrl);
        ArrayNode tags = YAML.createArrayNode();
        Set<String> tagNames = new HashSet<>();
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = YAML.createObjectNode();
        Set<String> operationIds = new HashSet<>();
        for (FunctionDocument doc : documents) {
            JsonNode globalSecurity = doc.document().get("security");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.document().path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey()) : paths.putObject(path.getKey());
                path.getValue().fields().forEachRemaining(entry -> {
                    JsonNode value = entry.getValue().deepCopy();
                    if (METHODS.contains(entry.getKey()) && value instanceof ObjectNode op) {
                        if (globalSecurity != null && !op.has("security")) {
                            op.set("security", globalSecurity.deepCopy());
                        }
                        // Swagger UI groups operations by tag: untagged ones go under their function's name.
                        if (!op.has("tags")) {
                            op.putArray("tags").add(doc.function());
                        }
                        // Every function has e.g. a "health" operation; ids must be unique in one document.
                        String operationId = op.path("operationId").asText(null);
                        if (operationId != null && !operationIds.add(operationId)) {
                            op.put("operationId", doc.function() + "_" + operationId);
                            operationIds.add(doc.function() + "_" + operationId);
                        }
                    }
                    if (METHODS.contains(entry.getKey()) && target.has(entry.getKey())) {
                        throw new IllegalArgumentException(entry.getKey().toUpperCase() + " " + path.getKey()
                                + " is declared by more than one function (again by " + doc.function() + ")");
                    }
                    target.set(entry.getKey(), value);
                });
            }
            doc.document().path("components").fields().forEachRemaining(section -> {
                ObjectNode targetSection = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey()) : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(entry -> {
                    JsonNode existing = targetSection.get(entry.getKey());
                    if (existing == null) {
                        targetSection.set(entry.getKey(), entry.getValue().deepCopy());
                    } else if (!existing.equals(entry.getValue())) {
                        log.warn("components.{}.{} differs between functions; /openapi.yaml keeps the first ({} ignored)",
                                section.getKey(), entry.getKey(), doc.function());
                    }
                });
            });
            for (JsonNode tag : doc.document().path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag.deepCopy());
                }
            }
        }
        if (!tags.isEmpty()) {
            merged.set("tags", tags);
        }
        if (!components.isEmpty()) {
            merged.set("components", components);
        }
        return merged;
    }

    public static byte[] toYaml(JsonNode document) {
        try {
            return YAML.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write YAML", e);
        }
    }
}
