package io.canopy.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How one target is launched in one variant of an experiment: extra JVM options (given as {@code JAVA_TOOL_OPTIONS},
 * as one would on Lambda), extra environment variables (Micronaut reads {@code FOO_BAR} as {@code foo.bar}), another
 * {@code java} (a JDK, or a wrapper script that drops a flag), or another artifact (a trimmed jar).
 *
 * @param artifact null: the target's own
 * @param handler  null: the target's own
 */
public record Variant(String name, String description, List<String> jvmOptions, Map<String, String> environment,
                      Path java, Path artifact, String handler) {

    public Variant {
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
    }

    public Variant(String name, String description, List<String> jvmOptions, Map<String, String> environment,
                   Path java, Path artifact) {
        this(name, description, jvmOptions, environment, java, artifact, null);
    }

    public static Variant baseline(Path java) {
        return new Variant("baseline", "as deployed, Lambda's flags", List.of(), Map.of(), java, null);
    }

    public Path artifact(Target target) {
        return artifact == null ? target.artifact() : artifact;
    }

    public String handler(Target target) {
        return handler == null ? target.handler() : handler;
    }

    /** Variants over the same artifact share its unpacked task root. */
    public String taskRootName(Target target) {
        return artifact == null ? target.name() : target.name() + "~" + name;
    }

    public Variant withJvmOptions(List<String> options) {
        return new Variant(name, description, options, environment, java, artifact, handler);
    }
}
