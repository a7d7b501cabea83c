package io.canopy.bench;

import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.LocalFunction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The experiments {@code -Dbench.variants=baseline,a,b} compares, each against the baseline in the same run. Every
 * variant changes one thing, in a way that could ship: an environment variable or {@code JAVA_TOOL_OPTIONS} in the
 * function's configuration, or a file in its artifact. Those needing a wrapper around {@code java} (dropping one
 * of Lambda's own flags) show what Lambda's fixed flags cost; they cannot ship.
 */
final class Variants {

    static final List<String> CATALOGUE = List.of(
            "baseline", "no-env-deduction", "no-migrations", "no-pojo-serializer", "publishers-initialized",
            "stream-handler", "eager", "no-management", "appcds", "no-verify", "no-cds", "no-agent", "lambda-ram",
            "metaspace", "full-jit", "jdk25", "jdk25-aot", "profile", "profile-warm", "java-tool-options", "drop-beans");

    static final String METASPACE_SIZE = "64m";
    static final String POJO_SERIALIZER = "META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer";
    static final String STATIC_OPTIMIZATIONS = "META-INF/services/io.micronaut.core.optim.StaticOptimizations$Loader";
    static final String BEAN_REFERENCES = "META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/";
    static final String STREAM_HANDLER = "io.canopy.bench.experiments.StreamV2Function";
    static final String EAGER_HANDLER = "io.canopy.bench.experiments.EagerV2Function";

    private final BenchSettings settings;
    private final Harness harness;
    private final ReportCapture reports;
    private final Path workDir;

    Variants(BenchSettings settings, Harness harness, ReportCapture reports, Path workDir) {
        this.settings = settings;
        this.harness = harness;
        this.reports = reports;
        this.workDir = workDir;
    }

    static void validate(List<String> names) {
        for (String name : names) {
            if (!CATALOGUE.contains(name)) {
                throw new IllegalArgumentException("Unknown variant " + name + "; known: " + String.join(", ", CATALOGUE));
            }
        }
    }

    private static String required(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required: " + what);
        }
        return value;
    }

    /** The variant for one target, prepared (trained) if it needs to be; empty when it does not apply to it. */
    Optional<Variant> resolve(String name, Target target, List<Route> routes) throws Exception {
        Variant baseline = Variant.baseline(settings.java());
        return switch (name) {
            case "baseline" -> Optional.of(baseline);
            case "no-env-deduction" -> Optional.of(new Variant(name,
                    "MICRONAUT_ENV_DEDUCTION=false: Micronaut skips probing for cloud/Kubernetes/test environments",
                    List.of(), Map.of("MICRONAUT_ENV_DEDUCTION", "false"), settings.java(), null));
            case "no-migrations" -> contains(target.artifact(), "org/flywaydb/")
                    ? Optional.of(new Variant(name,
                    "CANOPY_MIGRATIONS_ENABLED=false: no schema check at init at all (migrations run at deploy instead)",
                    List.of(), Map.of("CANOPY_MIGRATIONS_ENABLED", "false"), settings.java(), null))
                    : Optional.empty();
            case "no-verify" -> Optional.of(new Variant(name,
                    "JAVA_TOOL_OPTIONS=-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote: no bytecode verification of the artifact's classes",
                    List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"), Map.of(), settings.java(), null));
            case "no-cds" -> Optional.of(new Variant(name,
                    "-Xshare:off instead of -Xshare:auto: what the JDK's default CDS archive is worth (needs a java wrapper)",
                    List.of(), Map.of(), wrapper(name, settings.java(), Map.of("-Xshare:auto", "-Xshare:off")), null));
            case "no-agent" -> Optional.of(new Variant(name,
                    "without the local runtime's watchdog -javaagent (Lambda has none; needs a java wrapper)",
                    List.of(), Map.of(), wrapper(name, settings.java(), Map.of("-javaagent:*", "")), null));
            case "no-pojo-serializer" -> Optional.of(new Variant(name,
                    "artifact without META-INF/services/...CustomPojoSerializer: the runtime's own event serialization "
                            + "instead of micronaut-aws-lambda-events-serde's, which starts a second ApplicationContext",
                    List.of(), Map.of(), settings.java(), rewrite(target, name, entry -> entry.equals(POJO_SERIALIZER), List.of())));
            case "publishers-initialized" -> Optional.of(new Variant(name,
                    "artifact without META-INF/services/...StaticOptimizations$Loader: Micronaut's Publishers initializes "
                            + "Reactor's Flux and Mono at init, as before shared UninitializedPublisherTypes",
                    List.of(), Map.of(), settings.java(), rewrite(target, name, entry -> entry.equals(STATIC_OPTIMIZATIONS), List.of())));
            case "stream-handler" -> Optional.of(new Variant(name,
                    "handler io.canopy.bench.experiments.StreamV2Function: a RequestStreamHandler that (de)serializes "
                            + "the event with the application's JsonMapper (artifact without the CustomPojoSerializer service)",
                    List.of(), Map.of(), settings.java(),
                    rewrite(target, name, entry -> entry.equals(POJO_SERIALIZER), List.of(STREAM_HANDLER)),
                    STREAM_HANDLER));
            case "eager" -> Optional.of(new Variant(name,
                    "handler io.canopy.bench.experiments.EagerV2Function: eagerInitSingletons(true), every singleton made at init",
                    List.of(), Map.of(), settings.java(), rewrite(target, name, entry -> false, List.of(EAGER_HANDLER)),
                    EAGER_HANDLER));
            case "no-management" -> contains(target.artifact(), "io/micronaut/management/")
                    ? Optional.of(new Variant(name,
                    "artifact without micronaut-management's bean definitions (what excluding micronaut-management, "
                            + "which micronaut-flyway pulls in, would save; endpoints are disabled anyway)",
                    List.of(), Map.of(), settings.java(),
                    rewrite(target, name, entry -> entry.startsWith(BEAN_REFERENCES + "io.micronaut.management."), List.of())))
                    : Optional.empty();
            case "lambda-ram" -> Optional.of(new Variant(name,
                    "JAVA_TOOL_OPTIONS=-XX:MaxRAM=1024m: heap ergonomics of a 1,024 MB sandbox (initial heap 16 MB, "
                            + "as on Lambda, instead of 1/64 of this machine's memory)",
                    List.of("-XX:MaxRAM=1024m"), Map.of(), settings.java(), null));
            case "java-tool-options" -> {
                String options = required("bench.javaToolOptions", "the JVM flags to try, e.g. -XX:MetaspaceSize=64m");
                yield Optional.of(new Variant(name, "JAVA_TOOL_OPTIONS=" + options,
                        List.of(options.trim().split("\\s+")), Map.of(), settings.java(), null));
            }
            case "drop-beans" -> {
                // A list of the function's bean definitions to leave out, e.g. ones found disabled in it: Micronaut
                // loads and initializes every listed definition before it checks its conditions.
                Path list = Path.of(required("bench.dropBeans",
                        "a file naming one bean definition class per line; %s stands for the function").replace("%s", target.name()));
                Set<String> dropped = Set.copyOf(Files.readAllLines(list).stream().map(String::trim)
                        .filter(line -> !line.isEmpty()).toList());
                yield Optional.of(new Variant(name, "artifact without the " + dropped.size() + " bean definition listings named in "
                        + list, List.of(), Map.of(), settings.java(), rewrite(target, name,
                        entry -> entry.startsWith(BEAN_REFERENCES) && dropped.contains(entry.substring(BEAN_REFERENCES.length())),
                        List.of())));
            }
            case "metaspace" -> Optional.of(new Variant(name,
                    "JAVA_TOOL_OPTIONS=-XX:MetaspaceSize=" + METASPACE_SIZE + ": no full collection during init when class "
                            + "metadata first passes the JVM's default threshold (about 21 MB)",
                    List.of("-XX:MetaspaceSize=" + METASPACE_SIZE), Map.of(), settings.java(), null));
            case "profile" -> {
                // Not a variant to time: records where init and the first request spend CPU (JFR execution samples
                // every 10 ms), for `jfr print --events jdk.ExecutionSample`. JFR itself adds to what it records.
                Path recording = Files.createDirectories(workDir.resolve("profiles")).resolve(target.name() + ".jfr");
                Files.deleteIfExists(recording);
                Path settingsFile = samplingSettings(Files.createDirectories(workDir.resolve("profiles")));
                train(target, new Variant("profile-recording", "JFR", List.of("-XX:StartFlightRecording=settings=" + settingsFile
                        + ",filename=" + recording + ",dumponexit=true"), Map.of(), settings.java(), null), routes, recording, 1);
                yield Optional.empty();
            }
            case "profile-warm" -> {
                // Not a variant to time either: where warm invocations of the read route spend CPU. The recording
                // starts 5 s after the process (past init and the first requests) and the route is invoked long
                // enough to fill many seconds of it (20,000 times, or -Dbench.warm if more).
                Path profiles = Files.createDirectories(workDir.resolve("profiles"));
                Path recording = profiles.resolve(target.name() + "-warm.jfr");
                Files.deleteIfExists(recording);
                Path settingsFile = samplingSettings(profiles);
                train(target, new Variant("profile-warm-recording", "JFR", List.of("-XX:StartFlightRecording=delay=5s,settings="
                        + settingsFile + ",filename=" + recording + ",dumponexit=true"), Map.of(), settings.java(), null),
                        routes.subList(0, 1), recording, Math.max(settings.warm(), 20_000));
                yield Optional.empty();
            }
            case "full-jit" -> Optional.of(new Variant(name,
                    "without -XX:TieredStopAtLevel=1 (C2 allowed): what Lambda's C1-only flag is worth (needs a java wrapper)",
                    List.of(), Map.of(), wrapper(name, settings.java(), Map.of("-XX:TieredStopAtLevel=1", "")), null));
            case "appcds" -> Optional.of(appCds(target, routes, settings.java(), name,
                    "dynamic AppCDS archive of a training run (-XX:ArchiveClassesAtExit), used with -XX:SharedArchiveFile"));
            case "jdk25" -> jdk25().map(java -> new Variant(name, "the same artifact on JDK 25 (" + java + ")",
                    List.of(), Map.of(), java, null));
            case "jdk25-aot" -> {
                Optional<Path> java = jdk25();
                yield java.isEmpty() ? Optional.empty() : Optional.of(aotCache(target, routes, java.get(), name));
            }
            default -> throw new IllegalArgumentException("Unknown variant " + name);
        };
    }

    /** JFR settings with only execution samples, every 10 ms. */
    private static Path samplingSettings(Path directory) throws IOException {
        Path settingsFile = directory.resolve("sampling.jfc");
        Files.writeString(settingsFile, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
                  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
                </configuration>
                """);
        return settingsFile;
    }

    private Optional<Path> jdk25() {
        Path java = Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }

    /**
     * JDK 13+ dynamic archive: a training process runs the routes and dumps every class it loaded (on top of the
     * JDK's default archive) when it exits; measured processes map that archive instead of parsing and verifying.
     */
    private Variant appCds(Target target, List<Route> routes, Path java, String name, String description) throws Exception {
        Path archive = Files.createDirectories(workDir.resolve("cds")).resolve(target.name() + "-" + name + ".jsa");
        Files.deleteIfExists(archive);
        // The local runtime's watchdog is a Java agent; Lambda has none, so the archive there needs no such flag.
        Variant training = new Variant(name + "-training", "training run", List.of("-XX:ArchiveClassesAtExit=" + archive,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"), Map.of(), java, null);
        train(target, training, routes, archive);
        // The archive records that an agent ran; the JVM maps it only when the flag matches (not needed on Lambda).
        return new Variant(name, description, List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"), Map.of(), java, null);
    }

    /** JDK 24+ ahead-of-time cache (JEP 483/514/515): loaded and linked classes plus method profiles. */
    private Variant aotCache(Target target, List<Route> routes, Path java, String name) throws Exception {
        Path cache = Files.createDirectories(workDir.resolve("cds")).resolve(target.name() + "-" + name + ".aot");
        Files.deleteIfExists(cache);
        // Recording refuses any -Xshare option, and the launch passes Lambda's -Xshare:auto: drop it for training only.
        Variant training = new Variant(name + "-training", "training run", List.of("-XX:AOTCacheOutput=" + cache,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"), Map.of(),
                wrapper(name + "-training", java, Map.of("-Xshare:auto", "")), null);
        train(target, training, routes, cache);
        // JDK 25 also refuses -XX:AOTCache beside any -Xshare option: this needs a launch without Lambda's -Xshare:auto.
        return new Variant(name, "JDK 25 AOT cache of a training run (-XX:AOTCacheOutput, then -XX:AOTCache; "
                + "needs a launch without -Xshare:auto, so a java wrapper)",
                List.of("-XX:AOTCache=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"),
                Map.of(), wrapper(name, java, Map.of("-Xshare:auto", "")), null);
    }

    /** Runs the routes in a training process, then ends it with SIGTERM so the JVM writes its archive on exit. */
    private void train(Target target, Variant training, List<Route> routes, Path output) throws Exception {
        train(target, training, routes, output, 20);
    }

    private void train(Target target, Variant training, List<Route> routes, Path output, int invocations) throws Exception {
        LocalFunction function = harness.function(target, training, target.name() + "~" + training.name());
        try {
            for (Route route : routes) {
                for (int i = 0; i < invocations; i++) {
                    InvocationResult result = function.invoke(route.events().apply(500_000 + i));
                    reports.take();
                    if (!(result instanceof InvocationResult.Success)) {
                        throw new IllegalStateException("Training run of " + target.name() + " failed: " + result
                                + System.lineSeparator() + harness.recentOutput(function.spec().name()));
                    }
                }
            }
            ProcessHandle process = Probe.functionProcess(training.handler(target))
                    .orElseThrow(() -> new IllegalStateException("No training process for " + target.name()));
            process.destroy();
            process.onExit().get(180, TimeUnit.SECONDS);
        } finally {
            function.stop();
        }
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            throw new IllegalStateException("The training run of " + target.name() + " wrote no " + output
                    + System.lineSeparator() + harness.recentOutput(function.spec().name()));
        }
    }

    /** A script that runs {@code java} with some of the given flags replaced ("" drops one). */
    private Path wrapper(String name, Path java, Map<String, String> replacements) throws IOException {
        Path script = Files.createDirectories(workDir.resolve("wrappers")).resolve(name + ".sh");
        List<String> lines = new ArrayList<>(List.of("#!/bin/bash", "args=()", "for a in \"$@\"; do", "  case \"$a\" in"));
        // A flag ending in * matches by prefix (e.g. -javaagent:*).
        new LinkedHashMap<>(replacements).forEach((flag, replacement) -> lines.add("    "
                + (flag.endsWith("*") ? "'" + flag.substring(0, flag.length() - 1) + "'*" : "'" + flag + "'") + ") "
                + (replacement.isEmpty() ? ";;" : "args+=('" + replacement + "');;")));
        lines.addAll(List.of("    *) args+=(\"$a\");;", "  esac", "done", "exec '" + java + "' \"${args[@]}\""));
        Files.write(script, lines);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A copy of the target's artifact without the entries {@code drop} selects, plus the named bench classes. */
    private Path rewrite(Target target, String name, Predicate<String> drop, List<String> addClasses) throws IOException {
        Path copy = Files.createDirectories(workDir.resolve("artifacts")).resolve(target.name() + "-" + name + ".jar");
        try (ZipFile zip = new ZipFile(target.artifact().toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (drop.test(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            for (String className : addClasses) {
                String path = className.replace('.', '/') + ".class";
                try (InputStream in = Variants.class.getResourceAsStream("/" + path)) {
                    if (in == null) {
                        throw new IllegalStateException(path + " is not on the harness class path");
                    }
                    out.putNextEntry(new ZipEntry(path));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    private static boolean contains(Path artifact, String prefix) throws IOException {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().startsWith(prefix));
        }
    }
}
