package io.canopy.bench;

import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.LocalFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code -Dbench.classload=true}: which classes a function loads to serve its routes once, and which of its
 * artifact's classes it never loads. One cold start per target with {@code -Xlog:class+load}, then per package group:
 * classes in the artifact, classes loaded, and the moment (since JVM start) the group was first and last touched.
 */
final class ClassLoadAnalysis {

    private static final Pattern LINE = Pattern.compile("^\\[([0-9.]+)s]\\[info]\\[class,load] (\\S+) source: (.*)$");

    private ClassLoadAnalysis() {
    }

    /** Per package group (at most three segments, e.g. {@code io.micronaut.http}). */
    record Group(String name, int present, long presentBytes, int loaded, double firstSeconds, double lastSeconds) {
    }

    record Result(String target, String variant, int total, int fromCds, int fromJdk, int fromRic, int fromArtifact,
                  int generated, int artifactClasses, List<Group> groups) {
    }

    static Result run(Harness harness, ReportCapture reports, Target target, Variant variant, List<Route> routes,
                      Path workDir) throws Exception {
        Path log = Files.createDirectories(workDir.resolve("classload")).resolve(target.name() + "-" + variant.name() + ".log");
        Files.deleteIfExists(log);
        List<String> options = new ArrayList<>(variant.jvmOptions());
        options.add("-Xlog:class+load=info:file=" + log + ":uptime,level,tags");
        Variant logging = variant.withJvmOptions(options);
        LocalFunction function = harness.function(target, logging, target.name() + "~classload");
        try {
            for (Route route : routes) {
                for (int i = 0; i < 3; i++) {
                    InvocationResult result = function.invoke(route.events().apply(900_000 + i));
                    reports.take();
                    if (!(result instanceof InvocationResult.Success)) {
                        throw new IllegalStateException(target.name() + " failed under -Xlog:class+load: " + result);
                    }
                }
            }
        } finally {
            function.stop();
        }
        return analyse(target.name(), variant.name(), Files.readAllLines(log), harness.taskRoot(target, variant),
                variant.artifact(target));
    }

    static Result analyse(String target, String variant, List<String> lines, Path taskRoot, Path artifact) throws IOException {
        String rootUri = taskRoot.toUri().toString();
        String rootPath = taskRoot.toString();
        int total = 0;
        int cds = 0;
        int jdk = 0;
        int ric = 0;
        int fromArtifact = 0;
        int generated = 0;
        Set<String> loadedArtifactClasses = new HashSet<>();
        Map<String, double[]> times = new HashMap<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            total++;
            double seconds = Double.parseDouble(matcher.group(1));
            String name = matcher.group(2);
            String source = matcher.group(3);
            if (source.startsWith("shared objects file")) {
                cds++;
                // A class of the artifact mapped from an application archive is still the artifact's.
                if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
                        && !name.startsWith("sun.") && !name.startsWith("com.sun.") && !name.startsWith("com.amazonaws.services.lambda.runtime.api.client")) {
                    loadedArtifactClasses.add(name);
                    track(times, name, seconds);
                }
            } else if (source.startsWith("jrt:/")) {
                jdk++;
            } else if (source.contains("/ric/")) {
                ric++;
            } else if (source.startsWith(rootUri) || source.startsWith("file:" + rootPath) || source.contains(rootPath)) {
                fromArtifact++;
                loadedArtifactClasses.add(name);
                track(times, name, seconds);
            } else {
                generated++; // lambda forms, proxies, reflection accessors
            }
        }
        Map<String, int[]> present = new TreeMap<>();
        Map<String, Long> presentBytes = new HashMap<>();
        Set<String> artifactClasses = new HashSet<>();
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String entryName = entry.getName();
                if (!entryName.endsWith(".class") || entryName.startsWith("META-INF/") || entryName.endsWith("module-info.class")) {
                    continue;
                }
                String className = entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.');
                artifactClasses.add(className);
                String group = group(className);
                present.computeIfAbsent(group, g -> new int[1])[0]++;
                presentBytes.merge(group, entry.getCompressedSize(), Long::sum);
            }
        }
        Map<String, Integer> loadedByGroup = new HashMap<>();
        for (String name : loadedArtifactClasses) {
            if (artifactClasses.contains(name)) {
                loadedByGroup.merge(group(name), 1, Integer::sum);
            }
        }
        List<Group> groups = new ArrayList<>();
        present.forEach((group, count) -> {
            double[] span = times.getOrDefault(group, new double[] {Double.NaN, Double.NaN});
            groups.add(new Group(group, count[0], presentBytes.getOrDefault(group, 0L),
                    loadedByGroup.getOrDefault(group, 0), span[0], span[1]));
        });
        groups.sort((a, b) -> Long.compare(b.presentBytes(), a.presentBytes()));
        return new Result(target, variant, total, cds, jdk, ric, fromArtifact, generated, artifactClasses.size(), groups);
    }

    private static void track(Map<String, double[]> times, String className, double seconds) {
        double[] span = times.computeIfAbsent(group(className), g -> new double[] {seconds, seconds});
        span[0] = Math.min(span[0], seconds);
        span[1] = Math.max(span[1], seconds);
    }

    /** The package group: three segments at most ({@code io.micronaut.http}, {@code org.flywaydb.core}). */
    static String group(String className) {
        String[] parts = className.split("\\.");
        int segments = Math.min(3, parts.length - 1);
        if (segments <= 0) {
            return "(default package)";
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, 0, segments));
    }

    static String markdown(List<Result> results, int topGroups) {
        StringBuilder md = new StringBuilder();
        md.append("| Function | Variant | Classes loaded | from the JDK's CDS archive | JDK (jrt) | runtime client | artifact | generated | artifact classes loaded / present |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Result r : results) {
            long loaded = r.groups().stream().mapToLong(Group::loaded).sum();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d / %d (%.0f%%) |%n",
                    r.target(), r.variant(), r.total(), r.fromCds(), r.fromJdk(), r.fromRic(), r.fromArtifact(),
                    r.generated(), loaded, r.artifactClasses(), 100.0 * loaded / Math.max(1, r.artifactClasses())));
        }
        for (Result r : results) {
            md.append("\n").append(r.target()).append(" (").append(r.variant()).append("): the ").append(topGroups)
                    .append(" largest package groups of the artifact (compressed size), and what serving the routes loaded from them\n\n");
            md.append("| Package group | Size KB | Classes present | Loaded | First–last load (s since JVM start) |\n");
            md.append("|---|--:|--:|--:|--:|\n");
            r.groups().stream().limit(topGroups).forEach(g -> md.append(String.format(Locale.ROOT,
                    "| `%s` | %d | %d | %d (%.0f%%) | %s |%n", g.name(), g.presentBytes() / 1024, g.present(), g.loaded(),
                    100.0 * g.loaded() / Math.max(1, g.present()),
                    Double.isNaN(g.firstSeconds()) ? "never" : String.format(Locale.ROOT, "%.2f–%.2f", g.firstSeconds(), g.lastSeconds()))));
            List<Group> unused = r.groups().stream().filter(g -> g.loaded() == 0).toList();
            long unusedKb = unused.stream().mapToLong(Group::presentBytes).sum() / 1024;
            md.append(String.format(Locale.ROOT, "%nNever loaded: %d groups, %d KB compressed: %s%n", unused.size(), unusedKb,
                    String.join(", ", unused.stream().limit(40).map(g -> "`" + g.name() + "`").toList())
                            + (unused.size() > 40 ? ", …" : "")));
        }
        return md.toString();
    }
}
