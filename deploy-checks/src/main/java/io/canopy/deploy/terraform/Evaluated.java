package io.canopy.deploy.terraform;

import java.util.List;
import java.util.Map;

/** A block's body after evaluation: attribute values, and nested blocks by type (dynamic blocks expanded). */
public record Evaluated(Map<String, Object> attributes, Map<String, List<Evaluated>> blocks) {

    /** The attribute's value; null when it is null or not set. */
    public Object get(String name) {
        return attributes.get(name);
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    public List<Evaluated> blocks(String type) {
        return blocks.getOrDefault(type, List.of());
    }

    /** The one nested block of this type. */
    public Evaluated block(String type) {
        List<Evaluated> found = blocks(type);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + type + " block, found " + found.size());
        }
        return found.get(0);
    }
}
