package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Ast.Attribute;
import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Ast.Body;
import io.canopy.deploy.hcl.Pos;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One instance of a module at plan time: its input variables, locals, outputs, child module instances and resource
 * instances, evaluated lazily and memoized. The root is built from a directory and the values of its variables.
 */
public final class ModuleInstance {

    private static final Set<String> MODULE_META = Set.of("source", "version", "count", "for_each", "providers", "depends_on");
    private static final Set<String> RESOURCE_META = Set.of("count", "for_each", "provider", "depends_on");
    private static final Set<String> SKIPPED_BLOCKS = Set.of("lifecycle", "provisioner", "connection");

    private final TfModule module;
    private final Path rootDir;
    private final String address;
    private final Map<String, Supplier<Object>> inputs;
    private final Map<String, Object> vars = new HashMap<>();
    private final Map<String, Object> locals = new HashMap<>();
    private final Map<String, Object> outputs = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Map<String, Map<Object, ModuleInstance>> children = new HashMap<>();
    private final Map<String, LinkedHashMap<Object, Object>> instanceKeys = new HashMap<>();

    private ModuleInstance(TfModule module, Path rootDir, String address, Map<String, Supplier<Object>> inputs) {
        this.module = module;
        this.rootDir = rootDir;
        this.address = address;
        this.inputs = inputs;
        for (String name : inputs.keySet()) {
            if (!module.variables().containsKey(name)) {
                throw new ConfigurationException(null, (address.isEmpty() ? "root module" : address) + " has no variable \""
                        + name + "\" (declared: " + module.variables().keySet() + ")");
            }
        }
        module.variables().forEach((name, block) -> {
            if (!inputs.containsKey(name) && block.body().attribute("default") == null) {
                throw new ConfigurationException(block.pos(), (address.isEmpty() ? "root module" : address)
                        + ": variable \"" + name + "\" is required and not given");
            }
        });
    }

    /** The root module in {@code dir}, with these values for its variables (others take their defaults). */
    public static ModuleInstance root(Path dir, Map<String, Object> variables) {
        Map<String, Supplier<Object>> inputs = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            Object value = fromJava(v);
            inputs.put(k, () -> value);
        });
        Path root = dir.toAbsolutePath().normalize();
        return new ModuleInstance(TfModule.load(root), root, "", inputs);
    }

    /** Java values as Terraform values: numbers as BigDecimal, maps sorted. */
    static Object fromJava(Object v) {
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k), fromJava(e)));
            return out;
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(fromJava(e)));
            return out;
        }
        return v;
    }

    public TfModule definition() {
        return module;
    }

    public String address() {
        return address;
    }

    public Path rootDir() {
        return rootDir;
    }

    String prefix() {
        return address.isEmpty() ? "" : address + ".";
    }

    /** path.module: the module's directory relative to the root module's, as Terraform gives it. */
    String pathModule() {
        Path rel = rootDir.relativize(module.dir().toAbsolutePath().normalize());
        return rel.toString().isEmpty() ? "." : rel.toString();
    }

    public Evaluator evaluator() {
        return new Evaluator(this, Map.of());
    }

    // --- variables, locals, outputs -----------------------------------------------------------------------------

    public Object var(String name) {
        return var(name, null);
    }

    Object var(String name, Pos pos) {
        if (vars.containsKey(name)) {
            return vars.get(name);
        }
        Block block = module.variables().get(name);
        if (block == null) {
            throw new ConfigurationException(pos, "undeclared variable var." + name + " in " + module.dir());
        }
        Object raw;
        if (inputs.containsKey(name)) {
            raw = guarded("var." + name, pos, () -> inputs.get(name).get());
        } else {
            raw = Evaluator.constant(block.body().attribute("default").expr());
        }
        Attribute type = block.body().attribute("type");
        Object value = type == null ? raw : TypeConstraint.parse(type.expr()).convert(raw, prefix() + "var." + name);
        Attribute nullable = block.body().attribute("nullable");
        if (value == null && nullable != null && Boolean.FALSE.equals(Evaluator.constant(nullable.expr()))) {
            throw new EvalException(pos, prefix() + "var." + name + " must not be null");
        }
        vars.put(name, value);
        return value;
    }

    public Object local(String name) {
        return local(name, null);
    }

    Object local(String name, Pos pos) {
        if (locals.containsKey(name)) {
            return locals.get(name);
        }
        Attribute attr = module.locals().get(name);
        if (attr == null) {
            throw new ConfigurationException(pos, "undeclared local.value " + name + " in " + module.dir());
        }
        Object value = guarded("local." + name, pos, () -> evaluator().eval(attr.expr()));
        locals.put(name, value);
        return value;
    }

    public Object output(String name) {
        return output(name, null);
    }

    Object output(String name, Pos pos) {
        if (outputs.containsKey(name)) {
            return outputs.get(name);
        }
        Block block = module.outputs().get(name);
        if (block == null) {
            throw new EvalException(pos, (address.isEmpty() ? "root module" : address) + " has no output \"" + name
                    + "\" (outputs: " + module.outputs().keySet() + ")");
        }
        Object value = guarded("output." + name, pos, () -> evaluator().eval(block.body().attribute("value").expr()));
        outputs.put(name, value);
        return value;
    }

    private Object guarded(String what, Pos pos, Supplier<Object> evaluation) {
        String key = what;
        if (!evaluating.add(key)) {
            throw new EvalException(pos, "cycle: " + prefix() + what + " depends on itself");
        }
        try {
            return evaluation.get();
        } finally {
            evaluating.remove(key);
        }
    }

    // --- instances of repeated blocks ---------------------------------------------------------------------------

    /** count / for_each: instance key → each.value (count: index → index); null when the block is not repeated. */
    LinkedHashMap<Object, Object> instanceKeys(String id, Block block) {
        if (instanceKeys.containsKey(id)) {
            return instanceKeys.get(id);
        }
        Attribute forEach = block.body().attribute("for_each");
        Attribute count = block.body().attribute("count");
        LinkedHashMap<Object, Object> keys = null;
        if (forEach != null) {
            Object v = guarded(id + ".for_each", forEach.pos(), () -> evaluator().eval(forEach.expr()));
            keys = new LinkedHashMap<>();
            if (v instanceof Unknown u) {
                throw new EvalException(forEach.pos(), prefix() + id + ": for_each depends on values known only"
                        + " after apply (" + u.render() + "); Terraform cannot plan that");
            } else if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    keys.put(e.getKey(), e.getValue());
                }
            } else if (v instanceof SetValue s) {
                for (Object e : s.elements()) {
                    if (!(e instanceof String)) {
                        throw new EvalException(forEach.pos(), prefix() + id + ": for_each set elements must be strings");
                    }
                    keys.put(e, e);
                }
            } else {
                throw new EvalException(forEach.pos(), prefix() + id + ": for_each needs a map or a set of strings, not a "
                        + Values.typeName(v) + " (use toset() for a list)");
            }
        } else if (count != null) {
            Object v = guarded(id + ".count", count.pos(), () -> evaluator().eval(count.expr()));
            if (v instanceof Unknown u) {
                throw new EvalException(count.pos(), prefix() + id + ": count depends on values known only after apply ("
                        + u.render() + ")");
            }
            int n = Evaluator.toNumber(v, count.pos()).intValueExact();
            keys = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                keys.put(i, BigDecimal.valueOf(i));
            }
        }
        instanceKeys.put(id, keys);
        return keys;
    }

    private Evaluator instanceScope(Block block, Object key, Object eachValue) {
        Evaluator scope = evaluator();
        if (block.body().attribute("for_each") != null) {
            Map<String, Object> each = new TreeMap<>();
            each.put("key", key);
            each.put("value", eachValue);
            scope = scope.bind("each", each);
        } else if (block.body().attribute("count") != null) {
            Map<String, Object> count = new TreeMap<>();
            count.put("index", BigDecimal.valueOf((Integer) key));
            scope = scope.bind("count", count);
        }
        return scope;
    }

    static Object normalizeKey(Object key, boolean counted, Pos pos) {
        if (counted) {
            if (key instanceof BigDecimal n) {
                return n.intValueExact();
            }
            if (key instanceof Integer) {
                return key;
            }
            throw new EvalException(pos, "a counted block is indexed by a number, not " + Values.show(key));
        }
        if (!(key instanceof String)) {
            throw new EvalException(pos, "a for_each block is indexed by a string key, not " + Values.show(key));
        }
        return key;
    }

    static String keyText(Object key) {
        return key instanceof String s ? "[\"" + s + "\"]" : "[" + key + "]";
    }

    // --- module calls -------------------------------------------------------------------------------------------

    Object moduleCall(String name, Pos pos) {
        Block block = module.moduleCalls().get(name);
        if (block == null) {
            throw new ConfigurationException(pos, "no module \"" + name + "\" in " + module.dir());
        }
        return new ModuleCallValue(this, name, block);
    }

    /** Every instance of a module call: key → instance (key null when the call is not repeated). */
    public Map<Object, ModuleInstance> children(String name) {
        Map<Object, ModuleInstance> existing = children.get(name);
        if (existing != null) {
            return existing;
        }
        Block block = module.moduleCalls().get(name);
        if (block == null) {
            throw new EvalException(null, "no module \"" + name + "\" in " + module.dir());
        }
        Attribute source = block.body().attribute("source");
        Object src = source == null ? null : Evaluator.constant(source.expr());
        if (!(src instanceof String s) || !(s.startsWith("./") || s.startsWith("../"))) {
            throw new EvalException(block.pos(), "module " + name + ": only local sources (./ or ../) are evaluated here");
        }
        TfModule child = TfModule.load(module.dir().resolve(s));
        Map<Object, ModuleInstance> instances = new LinkedHashMap<>();
        LinkedHashMap<Object, Object> keys = instanceKeys("module." + name, block);
        if (keys == null) {
            instances.put(null, instantiate(block, child, name, null, null));
        } else {
            keys.forEach((k, v) -> instances.put(k, instantiate(block, child, name, k, v)));
        }
        children.put(name, instances);
        return instances;
    }

    private ModuleInstance instantiate(Block block, TfModule child, String name, Object key, Object eachValue) {
        Evaluator scope = key == null ? evaluator() : instanceScope(block, key, eachValue);
        Map<String, Supplier<Object>> childInputs = new LinkedHashMap<>();
        block.body().attributes().forEach((arg, attr) -> {
            if (!MODULE_META.contains(arg)) {
                childInputs.put(arg, () -> scope.eval(attr.expr()));
            }
        });
        String childAddress = prefix() + "module." + name + (key == null ? "" : keyText(key));
        return new ModuleInstance(child, rootDir, childAddress, childInputs);
    }

    /** The instance of a module call that is not repeated. */
    public ModuleInstance child(String name) {
        Map<Object, ModuleInstance> instances = children(name);
        if (!instances.containsKey(null)) {
            throw new EvalException(null, "module." + name + " is repeated (count/for_each): give a key");
        }
        return instances.get(null);
    }

    public ModuleInstance child(String name, Object key) {
        ModuleInstance instance = children(name).get(key);
        if (instance == null) {
            throw new EvalException(null, "module." + name + " has no instance " + keyText(key) + " (instances: "
                    + children(name).keySet() + ")");
        }
        return instance;
    }

    // --- resources ----------------------------------------------------------------------------------------------

    Block resourceBlock(String mode, String type, String name) {
        Map<String, Block> blocks = mode.equals("data") ? module.dataSources() : module.resources();
        return blocks.get(type + "." + name);
    }

    Object resourceRef(String mode, String type, String name, Pos pos) {
        Block block = resourceBlock(mode, type, name);
        if (block == null) {
            throw new ConfigurationException(pos, "reference to undeclared " + (mode.equals("data") ? "data." : "") + type + "."
                    + name + " in " + module.dir());
        }
        return new ResourceRef(this, mode, type, name, block, null, false);
    }

    /** The value of an argument of one instance of a resource, as configured. */
    Object configuredValue(String mode, Block block, Object key, Attribute attribute) {
        Evaluator scope = evaluator();
        if (key != null) {
            scope = instanceScope(block, key, resourceKeys(mode, block).get(key));
        }
        String id = (mode.equals("data") ? "data." : "") + block.label(0) + "." + block.label(1)
                + (key == null ? "" : keyText(key)) + "." + attribute.name();
        Evaluator s = scope;
        return guarded(id, attribute.pos(), () -> s.eval(attribute.expr()));
    }

    LinkedHashMap<Object, Object> resourceKeys(String mode, Block block) {
        String id = (mode.equals("data") ? "data." : "") + block.label(0) + "." + block.label(1);
        return instanceKeys(id, block);
    }

    /** Every instance of a resource, its body evaluated: key → body (key null when not repeated). */
    public Map<Object, Evaluated> resources(String type, String name) {
        return instances("resource", type, name);
    }

    /** The body of a resource that is not repeated. */
    public Evaluated resource(String type, String name) {
        return single(resources(type, name), type + "." + name);
    }

    public Map<Object, Evaluated> dataSources(String type, String name) {
        return instances("data", type, name);
    }

    public Evaluated dataSource(String type, String name) {
        return single(dataSources(type, name), "data." + type + "." + name);
    }

    private static Evaluated single(Map<Object, Evaluated> instances, String what) {
        if (instances.size() != 1 || !instances.containsKey(null)) {
            throw new EvalException(null, what + " is repeated (or has no instance): " + instances.keySet());
        }
        return instances.get(null);
    }

    private Map<Object, Evaluated> instances(String mode, String type, String name) {
        Block block = resourceBlock(mode, type, name);
        if (block == null) {
            throw new EvalException(null, "no " + (mode.equals("data") ? "data " : "resource ") + type + "." + name
                    + " in " + module.dir());
        }
        LinkedHashMap<Object, Object> keys = resourceKeys(mode, block);
        Map<Object, Evaluated> out = new LinkedHashMap<>();
        if (keys == null) {
            out.put(null, evaluateBody(block.body(), evaluator(), RESOURCE_META));
        } else {
            keys.forEach((k, v) -> out.put(k, evaluateBody(block.body(), instanceScope(block, k, v), RESOURCE_META)));
        }
        return out;
    }

    /** A body's attributes and blocks, dynamic blocks expanded; meta-arguments and lifecycle-like blocks left out. */
    public static Evaluated evaluateBody(Body body, Evaluator scope, Set<String> skipAttributes) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        body.attributes().forEach((name, attr) -> {
            if (!skipAttributes.contains(name)) {
                attributes.put(name, scope.eval(attr.expr()));
            }
        });
        Map<String, List<Evaluated>> blocks = new LinkedHashMap<>();
        for (Block b : body.blocks()) {
            if (SKIPPED_BLOCKS.contains(b.type())) {
                continue;
            }
            if (b.type().equals("dynamic")) {
                expandDynamic(b, scope, blocks);
            } else {
                blocks.computeIfAbsent(b.type(), t -> new ArrayList<>()).add(evaluateBody(b.body(), scope, Set.of()));
            }
        }
        return new Evaluated(attributes, blocks);
    }

    private static void expandDynamic(Block dynamic, Evaluator scope, Map<String, List<Evaluated>> blocks) {
        String type = dynamic.label(0);
        Attribute forEach = dynamic.body().attribute("for_each");
        if (type == null || forEach == null) {
            throw new EvalException(dynamic.pos(), "a dynamic block needs a label and for_each");
        }
        Attribute iteratorAttr = dynamic.body().attribute("iterator");
        String iterator = iteratorAttr == null ? type : ((Ast.Variable) iteratorAttr.expr()).name();
        List<Block> content = dynamic.body().blocks("content");
        if (content.size() != 1) {
            throw new EvalException(dynamic.pos(), "a dynamic block needs exactly one content block");
        }
        Object collection = scope.eval(forEach.expr());
        if (collection instanceof Unknown u) {
            throw new EvalException(forEach.pos(), "dynamic \"" + type + "\": for_each known only after apply ("
                    + u.render() + "); the checks need it known");
        }
        List<Object[]> entries = new ArrayList<>();
        if (collection instanceof Map<?, ?> m) {
            m.forEach((k, v) -> entries.add(new Object[]{k, v}));
        } else if (collection instanceof SetValue s) {
            s.elements().forEach(e -> entries.add(new Object[]{e, e}));
        } else if (collection instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                entries.add(new Object[]{BigDecimal.valueOf(i), l.get(i)});
            }
        } else if (collection != null) {
            throw new EvalException(forEach.pos(), "dynamic for_each needs a collection, not a " + Values.typeName(collection));
        }
        List<Evaluated> list = blocks.computeIfAbsent(type, t -> new ArrayList<>());
        for (Object[] entry : entries) {
            Map<String, Object> it = new TreeMap<>();
            it.put("key", entry[0]);
            it.put("value", entry[1]);
            list.add(evaluateBody(content.get(0).body(), scope.bind(iterator, it), Set.of()));
        }
    }

    @Override
    public String toString() {
        return address.isEmpty() ? "root module " + module.dir() : address;
    }
}
