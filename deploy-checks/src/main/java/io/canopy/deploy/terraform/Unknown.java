package io.canopy.deploy.terraform;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A value known only after apply: a resource attribute (e.g. {@code module.canopy.aws_cloudwatch_event_bus.this.arn}),
 * or something computed from one. {@link #refs()} are the resource attributes it derives from;
 * {@link #render()} is a canonical text: a reference as {@code ${address}}, a string built around references as the
 * string with {@code ${address}} in place ({@code ${...table["carbon-usages"]...arn}/index/*}).
 */
public final class Unknown {

    private final String text;
    private final Set<String> refs;
    private final boolean template;

    private Unknown(String text, Set<String> refs, boolean template) {
        this.text = text;
        this.refs = Collections.unmodifiableSet(refs);
        this.template = template;
    }

    /** The attribute of a resource that does not exist yet. */
    public static Unknown ref(String address) {
        Set<String> refs = new LinkedHashSet<>();
        refs.add(address);
        return new Unknown(address, refs, false);
    }

    /** A string made of known text and unknown parts (already rendered as ${...}). */
    public static Unknown template(String text, Set<String> refs) {
        return new Unknown(text, new LinkedHashSet<>(refs), true);
    }

    /** Any other value computed from unknown ones (the description is for messages only). */
    public static Unknown derived(String description, Set<String> refs) {
        return new Unknown(description, new LinkedHashSet<>(refs), false);
    }

    public String text() {
        return text;
    }

    public Set<String> refs() {
        return refs;
    }

    public boolean isTemplate() {
        return template;
    }

    /** As it would read inside a string: ${address} for a reference, the text itself for a template. */
    public String render() {
        return template ? text : "${" + text + "}";
    }

    /** A reference to exactly one resource attribute, nothing around it. */
    public boolean isReference() {
        return !template && refs.size() == 1 && refs.contains(text);
    }

    public Unknown attribute(String name) {
        return template ? derived(text + "." + name, refs) : derivedPath(text + "." + name);
    }

    public Unknown index(Object key) {
        String k = key instanceof String s ? "[\"" + s + "\"]" : "[" + Values.show(key) + "]";
        return template ? derived(text + k, refs) : derivedPath(text + k);
    }

    /** a.b of a reference a is the reference a.b (a nested attribute of the same resource). */
    private Unknown derivedPath(String path) {
        if (isReference()) {
            return ref(path);
        }
        return derived(path, refs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unknown u && u.render().equals(render()) && u.refs.equals(refs);
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }

    @Override
    public String toString() {
        return "(known after apply) " + render();
    }
}
