package io.canopy.acceptance;

import io.canopy.local.Directories;
import io.canopy.local.LocalRuntime;
import io.canopy.local.LocalRuntimeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One local runtime, as {@code make run} starts it, shared by the end-to-end test classes of a failsafe run that
 * do not stop its stores (starting one takes tens of seconds). It stops when the JVM exits.
 */
public final class SharedRuntime {

    public static final String ADMIN_EMAIL = "root@canopy.example";
    /** A second admin, for the cells of the authorization matrix that delete the acting account. */
    public static final String DISPOSABLE_ADMIN_EMAIL = "disposable-root@canopy.example";
    public static final String ADMIN_PASSWORD = "admin password for tests";
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    private static LocalRuntime runtime;

    private SharedRuntime() {
    }

    public static synchronized LocalRuntime get() {
        if (runtime == null) {
            try {
                Path dataDir = Files.createTempDirectory("canopy-shared-e2e");
                // Every line the functions print passes through System.out: keep a copy for the log scan.
                System.setOut(new TeeStream(System.out, OUTPUT));
                runtime = LocalRuntime.start(LocalRuntimeConfig.defaults(Path.of("..")).withDataDir(dataDir)
                        .withPort(0).withAdminEmails(ADMIN_EMAIL + "," + DISPOSABLE_ADMIN_EMAIL)
                        // bcrypt's cost changes no behaviour; at 4 the hundreds of sign-ins of the suites stay fast.
                        .withPassThrough(Map.of("CANOPY_BCRYPT_COST", "4")));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    runtime.close();
                    // its stores, function task roots and secrets: about 0.7 GB a run, which /tmp would keep otherwise
                    Directories.deleteOrWarn(dataDir);
                }, "shared-runtime-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runtime;
    }

    /** Every line printed by the runtime and its functions so far. */
    public static List<String> output() {
        return List.copyOf(OUTPUT);
    }

    public static Deployment deployment() {
        return new Deployment(get().baseUri(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** System.out that also records each complete line. */
    private static final class TeeStream extends java.io.PrintStream {
        private final List<String> lines;

        TeeStream(java.io.PrintStream out, List<String> lines) {
            super(out, true, java.nio.charset.StandardCharsets.UTF_8);
            this.lines = lines;
        }

        @Override
        public synchronized void println(String line) {
            super.println(line);
            lines.add(line);
        }

        @Override
        public synchronized void println(Object value) {
            println(String.valueOf(value));
        }
    }
}
