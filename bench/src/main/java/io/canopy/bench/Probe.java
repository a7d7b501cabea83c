package io.canopy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks into a running function process from outside, after its cold invocation was timed: resident memory from
 * {@code /proc} (free), and the heap from {@code jcmd GC.heap_info}, which reads the collector's counters without
 * a collection. jcmd attaches (one extra thread in the target) only after the cold start has been measured.
 */
final class Probe {

    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /**
     * @param usedMb      young + old generation in use (live objects and not-yet-collected garbage)
     * @param metaspaceMb class metadata in use
     */
    record Heap(double usedMb, double metaspaceMb) {
        static final Heap UNKNOWN = new Heap(Double.NaN, Double.NaN);
    }

    private Probe() {
    }

    /** The newest function process (a child of this JVM running the runtime interface client with {@code handler}). */
    static Optional<ProcessHandle> functionProcess(String handler) {
        return ProcessHandle.current().children()
                .filter(process -> process.info().arguments()
                        .map(Arrays::asList)
                        .map(args -> args.contains(RIC_MAIN) && args.contains(handler))
                        .orElse(false))
                .max(Comparator.comparing(process -> process.info().startInstant().orElse(java.time.Instant.EPOCH)));
    }

    /** Resident set size in MB, as Lambda's "Max Memory Used" counts memory; NaN if unreadable. */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone.
        }
        return Double.NaN;
    }

    /**
     * CPU time (user + system, all threads) the process has used, in ms; NaN if unreadable. Unlike wall time it hardly
     * moves when other processes compete for the cores, so it compares variants fairly on a busy machine.
     */
    static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** USER_HZ: 100 on every Linux the JDK supports. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    static Heap heap(Path jcmd, long pid) {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Heap.UNKNOWN;
            }
            return parse(output);
        } catch (IOException e) {
            return Heap.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Heap.UNKNOWN;
        }
    }

    /** Serial GC's {@code GC.heap_info}: "def new generation ... used NK", "tenured generation ... used NK", "Metaspace used NK". */
    static Heap parse(String heapInfo) {
        long heapKb = 0;
        long metaspaceKb = -1;
        boolean generation = false;
        for (String line : heapInfo.lines().toList()) {
            String trimmed = line.trim();
            Matcher used = USED.matcher(trimmed);
            if (!used.find()) {
                continue;
            }
            long kb = Long.parseLong(used.group(1));
            if (trimmed.startsWith("def new generation") || trimmed.startsWith("tenured generation")
                    || trimmed.startsWith("garbage-first heap") || trimmed.startsWith("PSYoungGen") || trimmed.startsWith("ParOldGen")) {
                heapKb += kb;
                generation = true;
            } else if (trimmed.startsWith("Metaspace")) {
                metaspaceKb = kb;
            }
        }
        return new Heap(generation ? heapKb / 1024.0 : Double.NaN, metaspaceKb < 0 ? Double.NaN : metaspaceKb / 1024.0);
    }

    /** jcmd beside the function's java (a wrapper script's JDK is found through the real java it names). */
    static Path jcmdFor(Path java) {
        Path candidate = java.toAbsolutePath().getParent().resolve("jcmd");
        if (Files.isExecutable(candidate)) {
            return candidate;
        }
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    static List<String> loadAverage() {
        try {
            return List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")).subList(0, 3);
        } catch (IOException | RuntimeException e) {
            return List.of("?", "?", "?");
        }
    }
}
