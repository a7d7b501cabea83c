package io.canopy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What one benchmark run does, from system properties ({@code java -Dbench.runs=1 -jar bench/target/canopy-bench.jar}).
 *
 * @param runs      cold starts per function and route; the tables show medians over them (≥ 5 for published figures)
 * @param warm      warm invocations measured after each cold start (≥ 1,000 for published figures)
 * @param warmup    warm invocations after each cold start that are run but not measured
 * @param functions function names to measure (floors included automatically); empty = every packaged function
 * @param variants  variants to compare (see {@link Variants}); {@code baseline} alone by default
 * @param java      the {@code java} executable function processes run with
 * @param heap      whether to read the heap with {@code jcmd GC.heap_info} after each cold start
 * @param output    the Markdown file the results go into; null = print only
 * @param section   the marked section of {@code output} this run replaces
 * @param root      the checkout (functions are found under {@code functions/<name>/target/})
 * @param command   the command line to print beside the tables
 * @param classload instead of timing: which classes each function loads and which of its artifact it never does
 */
public record BenchSettings(int runs, int warm, int warmup, List<String> functions, List<String> variants, Path java,
                            boolean heap, Path output, String section, Path root, String command, boolean classload) {

    public static BenchSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    static BenchSettings from(Properties p) {
        Path root = Path.of(p.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path java = Path.of(p.getProperty("bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("bench.java: " + java + " is not executable");
        }
        String output = p.getProperty("bench.output", "docs/BENCHMARKS.md");
        int runs = positive(p, "bench.runs", 5);
        int warm = positive(p, "bench.warm", 1000);
        int warmup = Integer.parseInt(p.getProperty("bench.warmup", "50"));
        List<String> variants = list(p.getProperty("bench.variants", "baseline"));
        boolean classload = Boolean.parseBoolean(p.getProperty("bench.classload", "false"));
        String section = p.getProperty("bench.section",
                classload ? "classload" : variants.equals(List.of("baseline")) ? "results" : "variants");
        return new BenchSettings(runs, warm, warmup, list(p.getProperty("bench.functions", "")), variants, java,
                Boolean.parseBoolean(p.getProperty("bench.heap", "true")),
                output.isBlank() || output.equals("none") ? null : root.resolve(output), section, root,
                p.getProperty("bench.command", command(p)), classload);
    }

    /** {@code make bench}, with the bench.* properties this run was given. */
    static String command(Properties p) {
        List<String> args = p.stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench.") && !name.equals("bench.root") && !name.equals("bench.command"))
                .sorted()
                .map(name -> quotedIfSpaced("-D" + name + "=" + p.getProperty(name)))
                .toList();
        return args.isEmpty() ? "make bench" : "make bench BENCH_ARGS=\"" + String.join(" ", args) + "\"";
    }

    /** Single quotes keep a value with spaces (several JVM flags) one argument when make's shell runs the command. */
    private static String quotedIfSpaced(String arg) {
        return arg.chars().anyMatch(Character::isWhitespace) ? "'" + arg + "'" : arg;
    }

    private static int positive(Properties p, String name, int fallback) {
        int value = Integer.parseInt(p.getProperty(name, Integer.toString(fallback)));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** True when the figures meet the bar for publication: ≥ 5 runs, ≥ 1,000 warm invocations. */
    public boolean publishable() {
        return runs >= 5 && warm >= 1000;
    }
}
