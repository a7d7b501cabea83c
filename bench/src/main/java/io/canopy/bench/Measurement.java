package io.canopy.bench;

import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.LocalFunction;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Times one target in one variant: cold starts, the heap after them, and warm latency, route by route. */
final class Measurement {

    /**
     * One cold start and the warm invocations after it.
     *
     * @param initMs          REPORT Init Duration: process start until the runtime's first /next
     * @param coldMs          process start until the first response, as the harness saw it
     * @param firstDurationMs REPORT Duration of the cold invocation (the handler's share of the cold start)
     * @param p50             warm REPORT Duration percentiles over the measured warm invocations
     * @param clientP50       warm round trip as the caller sees it (includes the Runtime API hops)
     * @param coldCpuMs       CPU time the function process used until its first response (all threads)
     */
    record Sample(double initMs, double coldMs, double firstDurationMs, double heapMb, double metaspaceMb,
                  double rssMb, double p50, double p90, double p99, double clientP50, double clientP99, double coldCpuMs) {
    }

    /** Everything measured for one route of one target in one variant. */
    static final class RouteResult {
        final Target target;
        final Variant variant;
        final Route route;
        final List<Sample> samples = new ArrayList<>();
        String failure;

        RouteResult(Target target, Variant variant, Route route) {
            this.target = target;
            this.variant = variant;
            this.route = route;
        }

        double median(ToDoubleFunction<Sample> figure) {
            return Stats.median(samples.stream().map(figure::applyAsDouble).toList());
        }

        double min(ToDoubleFunction<Sample> figure) {
            return Stats.min(samples.stream().map(figure::applyAsDouble).toList());
        }

        double max(ToDoubleFunction<Sample> figure) {
            return Stats.max(samples.stream().map(figure::applyAsDouble).toList());
        }
    }

    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }

    private final Harness harness;
    private final ReportCapture reports;
    private final Target target;
    private final Variant variant;
    private final LocalFunction function;
    private final List<Route> routes;
    private final Path jcmd;
    private int sequence = 1_000;

    Measurement(Harness harness, ReportCapture reports, Target target, Variant variant, LocalFunction function,
                List<Route> routes) {
        this.harness = harness;
        this.reports = reports;
        this.target = target;
        this.variant = variant;
        this.function = function;
        this.routes = routes;
        this.jcmd = Probe.jcmdFor(variant.java());
    }

    Target target() {
        return target;
    }

    Variant variant() {
        return variant;
    }

    List<Route> routes() {
        return routes;
    }

    String name() {
        return function.spec().name();
    }

    /** An unmeasured cold start and a few calls per route: fills the page cache and warms the harness's own JIT. */
    void prime() throws InterruptedException {
        for (Route route : routes) {
            function.stop();
            for (int i = 0; i < 20; i++) {
                invoke(route);
            }
        }
        function.stop();
    }

    Sample measure(Route route, int warmup, int warm, boolean heap) throws InterruptedException {
        function.stop();
        reports.take();
        byte[] first = route.events().apply(sequence++);
        long start = System.nanoTime();
        InvocationResult result = function.invoke(first);
        double coldMs = (System.nanoTime() - start) / 1_000_000.0;
        ReportCapture.Report coldReport = reports.take();
        check(route, result);

        double rss = Double.NaN;
        double cpu = Double.NaN;
        Probe.Heap heapInfo = Probe.Heap.UNKNOWN;
        Optional<ProcessHandle> process = Probe.functionProcess(variant.handler(target));
        if (process.isPresent()) {
            cpu = Probe.cpuMs(process.get().pid());
            rss = Probe.rssMb(process.get().pid());
            if (heap) {
                heapInfo = Probe.heap(jcmd, process.get().pid());
            }
        }

        for (int i = 0; i < warmup; i++) {
            invoke(route);
        }
        double[] durations = new double[warm];
        double[] roundTrips = new double[warm];
        for (int i = 0; i < warm; i++) {
            byte[] event = route.events().apply(sequence++);
            long sent = System.nanoTime();
            InvocationResult warmResult = function.invoke(event);
            roundTrips[i] = (System.nanoTime() - sent) / 1_000_000.0;
            ReportCapture.Report report = reports.take();
            durations[i] = report == null ? Double.NaN : report.durationMs();
            check(route, warmResult);
        }
        function.stop();
        return new Sample(coldReport == null ? Double.NaN : coldReport.initMs(), coldMs,
                coldReport == null ? Double.NaN : coldReport.durationMs(),
                heapInfo.usedMb(), heapInfo.metaspaceMb(), rss,
                Stats.percentile(durations, 50), Stats.percentile(durations, 90), Stats.percentile(durations, 99),
                Stats.percentile(roundTrips, 50), Stats.percentile(roundTrips, 99), cpu);
    }

    void stop() {
        function.stop();
    }

    private void invoke(Route route) throws InterruptedException {
        check(route, function.invoke(route.events().apply(sequence++)));
        reports.take();
    }

    private void check(Route route, InvocationResult result) {
        if (result instanceof InvocationResult.Success success) {
            int status = Events.statusOf(success.payload());
            if (status == route.expectedStatus()) {
                return;
            }
            throw new BenchFailure(name() + " " + route.label() + " answered " + status + " instead of "
                    + route.expectedStatus() + ": " + abbreviate(new String(success.payload(), StandardCharsets.UTF_8)));
        }
        String outcome = result instanceof InvocationResult.FunctionError error
                ? "function error " + error.errorType() + ": " + abbreviate(new String(error.payload(), StandardCharsets.UTF_8))
                : result instanceof InvocationResult.InitError error
                ? "init error " + error.errorType() + ": " + abbreviate(new String(error.payload(), StandardCharsets.UTF_8))
                : result.toString();
        throw new BenchFailure(name() + " " + route.label() + " failed: " + outcome + System.lineSeparator()
                + harness.recentOutput(name()));
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
