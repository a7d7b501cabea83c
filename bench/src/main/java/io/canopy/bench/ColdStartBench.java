package io.canopy.bench;

import io.canopy.bench.Measurement.RouteResult;
import io.canopy.local.lambda.LocalFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code make bench}: cold start and latency of every packaged function, measured the way Lambda runs it, against
 * plain-Java floor handlers measured in the same run. See docs/BENCHMARKS.md for the method.
 *
 * <p>For each target (function or floor) and variant, one {@link LocalFunction}: a fresh JVM per cold start running
 * the AWS Lambda runtime interface client over the unpacked artifact with Lambda's java flags, fed payload 2.0
 * events through a local Runtime API. Runs rotate over the targets so that a busy machine slows all of them alike.
 */
public final class ColdStartBench {

    static final String PASSWORD = "bench password 0123456789";

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Variants.validate(settings.variants());
        Machine machine = Machine.describe(settings.java());
        boolean resultsMode = settings.variants().equals(List.of("baseline"));

        Map<String, String> skipped = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        Target identity = null;
        for (Target target : Targets.all(settings.root())) {
            if (target.name().equals("identity")) {
                identity = target;
            }
            boolean wanted = settings.functions().isEmpty() ? (!target.floor() || resultsMode)
                    : settings.functions().contains(target.name()) || (target.floor() && resultsMode);
            if (!wanted) {
                continue;
            }
            if (!Files.isRegularFile(target.artifact())) {
                skipped.put(target.name(), "no artifact at " + settings.root().relativize(target.artifact()));
                continue;
            }
            targets.add(target);
        }
        if (identity == null || !Files.isRegularFile(identity.artifact())) {
            throw new IllegalStateException("The identity artifact is needed to sign the tokens: build it first (make build)");
        }
        log("Targets: " + targets.stream().map(Target::name).toList() + (skipped.isEmpty() ? "" : ", skipped " + skipped.keySet()));
        log(String.format("%d run(s), %d warm-up + %d measured warm invocations per cold start; variants %s",
                settings.runs(), settings.warmup(), settings.warm(), settings.variants()));

        Path workDir = settings.root().resolve("bench").resolve("target").resolve("bench-work");
        ReportCapture reports = ReportCapture.install();
        List<RouteResult> results = new ArrayList<>();
        long started = System.nanoTime();
        try (Harness harness = Harness.start(settings.root(), workDir)) {
            log("Stores up: PostgreSQL " + harness.postgres().jdbcUrl() + ", DynamoDB Local " + harness.dynamodb().endpoint()
                    + "; function output goes to " + harness.functionLogFile());
            for (Target target : targets) {
                harness.createTables(target.artifact(), target.name());
            }
            SeedContext.Session session = session(harness, identity);
            log("Signed in: user " + session.userId() + ", admin " + session.adminId());

            Variants variants = new Variants(settings, harness, reports, workDir);
            List<Measurement> measurements = new ArrayList<>();
            for (Target target : targets) {
                List<Route> routes;
                try {
                    routes = seed(harness, target, session);
                } catch (Exception e) {
                    skipped.put(target.name(), "seeding failed: " + firstLine(e));
                    log("Skipping " + target.name() + ": seeding failed: " + e.getMessage());
                    continue;
                }
                for (String name : settings.variants()) {
                    try {
                        Optional<Variant> variant = variants.resolve(name, target, routes);
                        if (variant.isEmpty()) {
                            continue;
                        }
                        String instance = name.equals("baseline") ? target.name() : target.name() + "~" + name;
                        LocalFunction function = harness.function(target, variant.get(), instance);
                        measurements.add(new Measurement(harness, reports, target, variant.get(), function, routes));
                        for (Route route : routes) {
                            results.add(new RouteResult(target, variant.get(), route));
                        }
                    } catch (Exception e) {
                        skipped.put(target.name() + " " + name, "preparation failed: " + firstLine(e));
                        log("Skipping " + target.name() + " " + name + ": " + e.getMessage());
                    }
                }
            }

            if (settings.classload()) {
                List<ClassLoadAnalysis.Result> analyses = new ArrayList<>();
                for (Measurement measurement : measurements) {
                    log("Class loading of " + measurement.name());
                    analyses.add(ClassLoadAnalysis.run(harness, reports, measurement.target(), measurement.variant(),
                            measurement.routes(), workDir));
                }
                String markdown = "Rerun: `" + settings.command() + "`\n\n- Function JVM: " + machine.jdk()
                        + "\n- One cold start per function with `-Xlog:class+load`, each route invoked 3 times.\n\n"
                        + ClassLoadAnalysis.markdown(analyses, 12);
                System.out.println(markdown);
                if (settings.output() != null) {
                    Report.writeSection(settings.output(), settings.section(), markdown);
                }
                return;
            }

            log("Priming (one unmeasured cold start per target and variant)");
            for (Measurement measurement : measurements) {
                try {
                    measurement.prime();
                } catch (Measurement.BenchFailure e) {
                    fail(results, measurement, e.getMessage());
                    log("Priming failed: " + e.getMessage());
                }
            }

            // A target's variants run back to back, so each is compared with a baseline measured seconds earlier or
            // later; targets and variants rotate from run to run, so none always runs first or after the same one.
            Map<Target, List<Measurement>> byTarget = new LinkedHashMap<>();
            measurements.forEach(m -> byTarget.computeIfAbsent(m.target(), t -> new ArrayList<>()).add(m));
            List<List<Measurement>> groups = new ArrayList<>(byTarget.values());
            for (int run = 0; run < settings.runs(); run++) {
                List<Measurement> order = new ArrayList<>();
                for (int g = 0; g < groups.size(); g++) {
                    List<Measurement> group = groups.get((g + run) % groups.size());
                    for (int v = 0; v < group.size(); v++) {
                        order.add(group.get((v + run) % group.size()));
                    }
                }
                for (Measurement measurement : order) {
                    for (Route route : measurement.routes()) {
                        RouteResult result = find(results, measurement, route);
                        if (result.failure != null) {
                            continue;
                        }
                        try {
                            Measurement.Sample sample = measurement.measure(route, settings.warmup(), settings.warm(), settings.heap());
                            result.samples.add(sample);
                            log(String.format("run %d/%d %-28s %-6s %-30s init %5.0f cold %5.0f cpu %5.0f ms  warm p50 %6.2f p99 %6.2f ms  heap %5.1f rss %5.1f MB",
                                    run + 1, settings.runs(), measurement.name(), route.kind(), route.label(), sample.initMs(),
                                    sample.coldMs(), sample.coldCpuMs(), sample.p50(), sample.p99(), sample.heapMb(), sample.rssMb()));
                        } catch (Measurement.BenchFailure e) {
                            result.failure = e.getMessage();
                            measurement.stop();
                            log("FAILED " + e.getMessage());
                        }
                    }
                }
            }
        }
        log(String.format("Done in %.1f min", (System.nanoTime() - started) / 60e9));

        Report report = new Report(settings, machine, Probe.loadAverage(), results, skipped);
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        if (settings.output() != null) {
            Report.writeSection(settings.output(), settings.section(), markdown);
            log("Written to " + settings.output() + " (section " + settings.section() + ")");
        }
        System.exit(results.stream().anyMatch(r -> r.failure != null) ? 1 : 0);
    }

    /** Registers an admin and a user through identity, signs both in, and publishes identity's JWKS. */
    private static SeedContext.Session session(Harness harness, Target identity) throws Exception {
        LocalFunction seeder = harness.function(identity, Variant.baseline(harnessJava()), "identity~session");
        try {
            SeedContext ctx = new SeedContext(harness, identity, seeder, null);
            String userEmail = "bench-user-" + UUID.randomUUID() + "@canopy.example";
            register(ctx, Harness.ADMIN_EMAIL);
            register(ctx, userEmail);
            String adminToken = signIn(ctx, Harness.ADMIN_EMAIL);
            String userToken = signIn(ctx, userEmail);
            String adminId = ctx.call("GET", "/users/me", "/users/me", null, adminToken).expect(200).json().path("id").asText();
            String userId = ctx.call("GET", "/users/me", "/users/me", null, userToken).expect(200).json().path("id").asText();
            SeedContext.Response jwks = ctx.call("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", null, null).expect(200);
            harness.publishJwks(jwks.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new SeedContext.Session(userId, userToken, adminId, adminToken);
        } finally {
            seeder.stop();
        }
    }

    private static void register(SeedContext ctx, String email) throws InterruptedException {
        SeedContext.Response response = ctx.call("POST", "/auth/register", "/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"first_name\":\"Bench\"}", null);
        if (response.status() != 201 && response.status() != 409) {
            response.expect(201);
        }
    }

    private static String signIn(SeedContext ctx, String email) throws InterruptedException {
        return ctx.call("POST", "/auth/token", "/auth/token",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null)
                .expect(200).json().path("access_token").asText();
    }

    private static List<Route> seed(Harness harness, Target target, SeedContext.Session session) throws Exception {
        LocalFunction seeder = target.floor() ? null : harness.function(target,
                Variant.baseline(harnessJava()), target.name() + "~seed");
        try {
            return target.seeder().seed(new SeedContext(harness, target, seeder, session));
        } finally {
            if (seeder != null) {
                seeder.stop();
            }
        }
    }

    /** Seeding is not measured: it runs on the harness's own JDK whatever the variants use. */
    private static Path harnessJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static RouteResult find(List<RouteResult> results, Measurement measurement, Route route) {
        return results.stream()
                .filter(r -> r.target == measurement.target() && r.variant == measurement.variant() && r.route == route)
                .findFirst().orElseThrow();
    }

    private static void fail(List<RouteResult> results, Measurement measurement, String why) {
        results.stream().filter(r -> r.target == measurement.target() && r.variant == measurement.variant())
                .forEach(r -> r.failure = why);
    }

    private static String firstLine(Exception e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
