package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Pos;

import java.util.Map;

/** A reference with structure of its own: a resource (or its instances), a module call, a module instance. */
public interface Traversable {

    String address();

    Object attribute(String name, Pos pos);

    Object index(Object key, Pos pos);

    /** The instances, for iteration (for expressions, splats): a map keyed by for_each key, or a list (count). */
    Object instances(Pos pos);
}
