package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast.Attribute;
import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Ast.Body;
import io.canopy.deploy.hcl.HclException;
import io.canopy.deploy.hcl.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A Terraform module: the *.tf files of one directory, parsed, with its declarations by name. */
public final class TfModule {

    private static final Map<Path, TfModule> CACHE = new ConcurrentHashMap<>();

    private final Path dir;
    private final Map<Path, Body> files = new LinkedHashMap<>();
    private final Map<String, Block> variables = new LinkedHashMap<>();
    private final Map<String, Block> outputs = new LinkedHashMap<>();
    private final Map<String, Attribute> locals = new LinkedHashMap<>();
    private final Map<String, Block> moduleCalls = new LinkedHashMap<>();
    private final Map<String, Block> resources = new LinkedHashMap<>();
    private final Map<String, Block> dataSources = new LinkedHashMap<>();
    private final List<Block> providers = new ArrayList<>();
    private final List<Block> terraformBlocks = new ArrayList<>();
    private final List<Block> otherBlocks = new ArrayList<>();

    private TfModule(Path dir) {
        this.dir = dir;
    }

    public static TfModule load(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return CACHE.computeIfAbsent(key, TfModule::read);
    }

    private static TfModule read(Path dir) {
        TfModule module = new TfModule(dir);
        List<Path> tf;
        try (Stream<Path> files = Files.list(dir)) {
            tf = files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tf.isEmpty()) {
            throw new IllegalStateException("no .tf files in " + dir);
        }
        for (Path file : tf) {
            Body body;
            try {
                body = Parser.parse(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            module.files.put(file, body);
            module.index(body);
        }
        return module;
    }

    private void index(Body body) {
        if (!body.attributes().isEmpty()) {
            Attribute first = body.attributes().values().iterator().next();
            throw new HclException(first.pos(), "a Terraform file holds blocks only, not attribute " + first.name());
        }
        for (Block b : body.blocks()) {
            switch (b.type()) {
                case "variable" -> put(variables, b, 1);
                case "output" -> put(outputs, b, 1);
                case "module" -> put(moduleCalls, b, 1);
                case "resource" -> put(resources, b, 2);
                case "data" -> put(dataSources, b, 2);
                case "locals" -> b.body().attributes().forEach((name, attr) -> {
                    if (locals.putIfAbsent(name, attr) != null) {
                        throw new HclException(attr.pos(), "local." + name + " is defined twice");
                    }
                });
                case "provider" -> providers.add(b);
                case "terraform" -> terraformBlocks.add(b);
                default -> otherBlocks.add(b);
            }
        }
    }

    private static void put(Map<String, Block> map, Block b, int labels) {
        if (b.labels().size() != labels) {
            throw new HclException(b.pos(), b.type() + " needs " + labels + " label(s)");
        }
        String key = String.join(".", b.labels());
        if (map.putIfAbsent(key, b) != null) {
            throw new HclException(b.pos(), b.type() + " " + key + " is defined twice");
        }
    }

    public Path dir() {
        return dir;
    }

    public Map<Path, Body> files() {
        return files;
    }

    public Map<String, Block> variables() {
        return variables;
    }

    public Map<String, Block> outputs() {
        return outputs;
    }

    public Map<String, Attribute> locals() {
        return locals;
    }

    public Map<String, Block> moduleCalls() {
        return moduleCalls;
    }

    /** Keyed "type.name". */
    public Map<String, Block> resources() {
        return resources;
    }

    /** Keyed "type.name". */
    public Map<String, Block> dataSources() {
        return dataSources;
    }

    public List<Block> providers() {
        return providers;
    }

    public List<Block> terraformBlocks() {
        return terraformBlocks;
    }

    public List<Block> otherBlocks() {
        return otherBlocks;
    }
}
