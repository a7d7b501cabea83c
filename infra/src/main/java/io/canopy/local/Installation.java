package io.canopy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the build put what this runtime hands to other processes: the runtime interface client for function
 * processes ({@code ric/}) and the watchdog agent. They sit
 * beside our own code in {@code infra/target/}, whether that code is {@code canopy-local.jar} or
 * {@code target/classes} in a test run.
 */
record Installation(List<Path> ricClasspath, Path watchdogAgent) {

    static Installation locate() {
        Path target = codeLocation().getParent();
        Path ric = target.resolve("ric");
        Path watchdog = target.resolve("canopy-local-watchdog.jar");
        for (Path required : List.of(ric, watchdog)) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: build infra with ./mvnw -pl infra package");
            }
        }
        try (Stream<Path> jars = Files.list(ric)) {
            return new Installation(jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList(), watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeLocation() {
        try {
            return Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
