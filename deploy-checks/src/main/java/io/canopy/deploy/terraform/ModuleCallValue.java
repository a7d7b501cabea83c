package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Pos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** module.NAME: its outputs, or (with count/for_each) its instances. */
final class ModuleCallValue implements Traversable {

    private final ModuleInstance parent;
    private final String name;
    private final Block block;

    ModuleCallValue(ModuleInstance parent, String name, Block block) {
        this.parent = parent;
        this.name = name;
        this.block = block;
    }

    private boolean repeated() {
        return block.body().attribute("count") != null || block.body().attribute("for_each") != null;
    }

    @Override
    public String address() {
        return parent.prefix() + "module." + name;
    }

    @Override
    public Object attribute(String output, Pos pos) {
        if (repeated()) {
            throw new EvalException(pos, address() + " has count or for_each: refer to an instance, "
                    + address() + "[...]." + output);
        }
        return parent.child(name).output(output, pos);
    }

    @Override
    public Object index(Object key, Pos pos) {
        if (!repeated()) {
            throw new EvalException(pos, address() + " has neither count nor for_each and cannot be indexed");
        }
        Object k = ModuleInstance.normalizeKey(key, block.body().attribute("count") != null, pos);
        Map<Object, ModuleInstance> instances = parent.children(name);
        if (!instances.containsKey(k)) {
            throw new EvalException(pos, address() + " has no instance " + ModuleInstance.keyText(k)
                    + " (instances: " + instances.keySet() + ")");
        }
        return new Instance(instances.get(k));
    }

    @Override
    public Object instances(Pos pos) {
        if (!repeated()) {
            return List.of(new Instance(parent.child(name)));
        }
        Map<Object, ModuleInstance> instances = parent.children(name);
        if (block.body().attribute("count") != null) {
            List<Object> out = new ArrayList<>();
            instances.values().forEach(i -> out.add(new Instance(i)));
            return out;
        }
        Map<String, Object> out = new TreeMap<>();
        instances.forEach((k, i) -> out.put((String) k, new Instance(i)));
        return out;
    }

    /** One instance of a repeated module call: its outputs. */
    record Instance(ModuleInstance module) implements Traversable {
        @Override
        public String address() {
            return module.address();
        }

        @Override
        public Object attribute(String output, Pos pos) {
            return module.output(output, pos);
        }

        @Override
        public Object index(Object key, Pos pos) {
            throw new EvalException(pos, address() + " is a module instance: use its outputs");
        }

        @Override
        public Object instances(Pos pos) {
            return List.of(this);
        }
    }
}
