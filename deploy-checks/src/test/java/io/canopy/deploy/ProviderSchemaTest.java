package io.canopy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Ast.Body;
import io.canopy.deploy.terraform.TfModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds every resource, data source and provider block against the AWS provider's schema, as generated into the
 * npm package @cdktf/provider-aws (AWS provider 6.x): the type exists, every argument and nested block exists
 * (recursively, dynamic blocks included), required arguments are set, single blocks appear once, and every
 * attribute read from a resource (aws_x.name.attr) is one the type has. terraform validate would do this with the
 * provider binary, which cannot be downloaded here.
 *
 * <p>Runs when {@code -Dcanopy.provider-schema=<schema.json>} is given: make check-infra extracts that file with
 * Node (deploy-checks/provider-schema/extract.mjs). make test needs only a JDK, so there it is skipped.
 */
class ProviderSchemaTest {

    static final String PROPERTY = "canopy.provider-schema";
    private static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "provider", "depends_on");
    private static final Set<String> META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");
    private static JsonNode schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        String file = System.getProperty(PROPERTY);
        assumeTrue(file != null && !file.isBlank(), "-D" + PROPERTY + " not given (make check-infra gives it)");
        Path path = Path.of(file);
        assertThat(path).as("provider schema from make check-infra").isRegularFile();
        schema = new ObjectMapper().readTree(Files.readString(path));
        assertThat(schema.path("provider_version").asText()).startsWith("6.");
    }

    @Test
    void everyBlock_usesOnlyTypesArgumentsAndBlocksOfTheProviderSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path dir : TerraformFilesTest.moduleDirs()) {
            TfModule module = TfModule.load(dir);
            for (Map.Entry<String, Block> e : module.resources().entrySet()) {
                checked += check(dir, "resource", e.getValue(), schema.path("resources"), problems);
            }
            for (Map.Entry<String, Block> e : module.dataSources().entrySet()) {
                checked += check(dir, "data", e.getValue(), schema.path("data_sources"), problems);
            }
            for (Block provider : module.providers()) {
                assertThat(provider.label(0)).isEqualTo("aws");
                checkBody(dir + " provider aws", provider.body(), schema.path("provider"), problems);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    private static int check(Path dir, String kind, Block block, JsonNode types, List<String> problems) {
        String type = block.label(0);
        if (!type.startsWith("aws_")) {
            assertThat(type).as("non-AWS type in " + dir).isIn("terraform_data");
            return 0;
        }
        String where = dir.getFileName() + ": " + kind + " " + type + "." + block.label(1) + " (" + block.pos() + ")";
        JsonNode typeSchema = types.path(type);
        if (typeSchema.isMissingNode()) {
            problems.add(where + ": no such type in the AWS provider");
            return 1;
        }
        checkBody(where, block.body(), typeSchema, problems);
        return 1;
    }

    private static void checkBody(String where, Body body, JsonNode schema, List<String> problems) {
        JsonNode arguments = schema.path("arguments");
        JsonNode blocks = schema.path("blocks");
        body.attributes().forEach((name, attr) -> {
            if (!META_ARGUMENTS.contains(name) && !arguments.has(name)) {
                problems.add(where + ": unknown argument " + name + (blocks.has(name) ? " (it is a block)" : ""));
            }
        });
        arguments.fields().forEachRemaining(arg -> {
            if (arg.getValue().path("required").asBoolean() && body.attribute(arg.getKey()) == null) {
                problems.add(where + ": required argument " + arg.getKey() + " is missing");
            }
        });
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Block nested : body.blocks()) {
            if (META_BLOCKS.contains(nested.type())) {
                continue;
            }
            String type = nested.type().equals("dynamic") ? nested.label(0) : nested.type();
            JsonNode nestedSchema = blocks.path(type);
            if (nestedSchema.isMissingNode()) {
                problems.add(where + ": unknown block " + type + (arguments.has(type) ? " (it is an argument: " + type + " = ...)" : ""));
                continue;
            }
            Body nestedBody = nested.body();
            if (nested.type().equals("dynamic")) {
                List<Block> content = nested.body().blocks("content");
                if (content.size() != 1) {
                    problems.add(where + ": dynamic " + type + " needs one content block");
                    continue;
                }
                nestedBody = content.get(0).body();
            } else {
                counts.merge(type, 1, Integer::sum);
            }
            checkBody(where + " > " + type, nestedBody, nestedSchema, problems);
        }
        blocks.fields().forEachRemaining(b -> {
            int n = counts.getOrDefault(b.getKey(), 0);
            boolean dynamic = body.blocks().stream().anyMatch(x -> x.type().equals("dynamic") && b.getKey().equals(x.label(0)));
            if (b.getValue().path("single").asBoolean() && n > 1) {
                problems.add(where + ": block " + b.getKey() + " may appear once, appears " + n + " times");
            }
            if (b.getValue().path("required").asBoolean() && n == 0 && !dynamic) {
                problems.add(where + ": required block " + b.getKey() + " is missing");
            }
        });
    }

    @Test
    void everyAttributeReadFromAResource_existsOnItsType() throws IOException {
        Set<String> problems = new TreeSet<>();
        for (Path dir : TerraformFilesTest.moduleDirs()) {
            TfModule module = TfModule.load(dir);
            for (Map.Entry<Path, Body> file : module.files().entrySet()) {
                Ast.walk(file.getValue(), expr -> {
                    List<String> t = Ast.traversal(expr);
                    if (t == null) {
                        return;
                    }
                    boolean data = t.get(0).equals("data");
                    List<String> steps = data ? t.subList(1, t.size()) : t;
                    if (steps.size() < 3 || !steps.get(0).startsWith("aws_")) {
                        return;
                    }
                    String type = steps.get(0);
                    int attrAt = steps.get(2).equals("[]") ? 3 : 2;
                    if (steps.size() <= attrAt) {
                        return;
                    }
                    String attribute = steps.get(attrAt);
                    JsonNode typeSchema = schema.path(data ? "data_sources" : "resources").path(type);
                    if (typeSchema.isMissingNode()) {
                        return; // reported by the other check
                    }
                    boolean known = false;
                    for (JsonNode a : typeSchema.path("attributes")) {
                        known |= a.asText().equals(attribute);
                    }
                    if (!known) {
                        problems.add(dir.getFileName() + "/" + file.getKey().getFileName() + ":" + expr.pos().line()
                                + ": " + (data ? "data." : "") + type + " has no attribute " + attribute);
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }
}
