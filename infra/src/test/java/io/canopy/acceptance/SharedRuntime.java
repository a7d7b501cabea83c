package io.canopy.acceptance;

import io.canopy.local.LocalRuntime;
import io.canopy.local.LocalRuntimeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local runtime, as {@code make run} starts it, shared by the end-to-end test classes of a failsafe run that
 * do not stop its stores (starting one takes tens of seconds). It stops when the JVM exits.
 */
public final class SharedRuntime {

    public static final String ADMIN_EMAIL = "root@canopy.example";
    public static final String ADMIN_PASSWORD = "admin password for tests";
    private static LocalRuntime runtime;

    private SharedRuntime() {
    }

    public static synchronized LocalRuntime get() {
        if (runtime == null) {
            try {
                Path dataDir = Files.createTempDirectory("canopy-shared-e2e");
                runtime = LocalRuntime.start(LocalRuntimeConfig.defaults(Path.of("..")).withDataDir(dataDir)
                        .withPort(0).withAdminEmails(ADMIN_EMAIL));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-runtime-stop"));
        }
        return runtime;
    }

    public static Deployment deployment() {
        return new Deployment(get().baseUri(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }
}
