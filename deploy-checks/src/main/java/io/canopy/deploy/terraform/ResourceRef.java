package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Pos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A reference to a resource or data source (or one instance of it); its attributes are known after apply. */
final class ResourceRef implements Traversable {

    private final ModuleInstance module;
    private final String mode;
    private final String type;
    private final String name;
    private final Block block;
    private final Object key;
    private final boolean keyed;

    ResourceRef(ModuleInstance module, String mode, String type, String name, Block block, Object key, boolean keyed) {
        this.module = module;
        this.mode = mode;
        this.type = type;
        this.name = name;
        this.block = block;
        this.key = key;
        this.keyed = keyed;
    }

    private boolean repeated() {
        return block.body().attribute("count") != null || block.body().attribute("for_each") != null;
    }

    @Override
    public String address() {
        return module.prefix() + (mode.equals("data") ? "data." : "") + type + "." + name
                + (keyed ? ModuleInstance.keyText(key) : "");
    }

    @Override
    public Object attribute(String attr, Pos pos) {
        if (repeated() && !keyed) {
            throw new EvalException(pos, address() + " has count or for_each: refer to an instance, "
                    + address() + "[...]." + attr);
        }
        // Terraform plans an argument set in the configuration at its configured value; the rest is known after apply.
        io.canopy.deploy.hcl.Ast.Attribute configured = block.body().attribute(attr);
        if (configured != null && !attr.equals("count") && !attr.equals("for_each") && !attr.equals("depends_on")
                && !attr.equals("provider")) {
            Object value = module.configuredValue(mode, block, keyed ? key : null, configured);
            if (!Values.containsUnknown(value)) {
                return value;
            }
        }
        return Unknown.ref(address() + "." + attr);
    }

    @Override
    public Object index(Object k, Pos pos) {
        if (!repeated()) {
            throw new EvalException(pos, address() + " has neither count nor for_each and cannot be indexed");
        }
        if (keyed) {
            return Unknown.ref(address()).index(k);
        }
        boolean counted = block.body().attribute("count") != null;
        Object normalized = ModuleInstance.normalizeKey(k, counted, pos);
        LinkedHashMap<Object, Object> keys = module.resourceKeys(mode, block);
        if (!keys.containsKey(normalized)) {
            throw new EvalException(pos, address() + " has no instance " + ModuleInstance.keyText(normalized)
                    + " (instances: " + keys.keySet() + ")");
        }
        return new ResourceRef(module, mode, type, name, block, normalized, true);
    }

    @Override
    public Object instances(Pos pos) {
        if (!repeated() || keyed) {
            return List.of(this);
        }
        LinkedHashMap<Object, Object> keys = module.resourceKeys(mode, block);
        if (block.body().attribute("count") != null) {
            List<Object> out = new ArrayList<>();
            keys.keySet().forEach(k -> out.add(new ResourceRef(module, mode, type, name, block, k, true)));
            return out;
        }
        Map<String, Object> out = new TreeMap<>();
        keys.keySet().forEach(k -> out.put((String) k, new ResourceRef(module, mode, type, name, block, k, true)));
        return out;
    }

    @Override
    public String toString() {
        return address();
    }
}
