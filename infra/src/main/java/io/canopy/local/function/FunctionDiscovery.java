package io.canopy.local.function;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the deployable functions of a checkout: every {@code functions/<group>/target/*-lambda.jar}. */
public final class FunctionDiscovery {

    private FunctionDiscovery() {
    }

    /**
     * @throws NoFunctionsException when no group has been packaged yet
     */
    public static List<FunctionSpec> discover(Path projectRoot) {
        Path functionsDir = projectRoot.resolve("functions");
        List<FunctionSpec> specs = new ArrayList<>();
        if (Files.isDirectory(functionsDir)) {
            try (Stream<Path> groups = Files.list(functionsDir)) {
                for (Path group : groups.filter(Files::isDirectory).sorted().toList()) {
                    newestLambdaJar(group.resolve("target"))
                            .ifPresent(jar -> specs.add(FunctionSpec.withDefaults(group.getFileName().toString(), jar)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + functionsDir, e);
            }
        }
        if (specs.isEmpty()) {
            throw new NoFunctionsException("No function artifacts found under " + functionsDir.toAbsolutePath()
                    + " (looked for functions/<group>/target/*-lambda.jar): run ./mvnw package first.");
        }
        return specs;
    }

    /** The artifact of one group, as {@link #discover} would pick it; empty when the group has not been packaged. */
    public static Optional<Path> lambdaJar(Path projectRoot, String group) {
        Path target = projectRoot.resolve("functions").resolve(group).resolve("target");
        try {
            return newestLambdaJar(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + target, e);
        }
    }

    /** Several versions can linger in target/ after a version bump; the newest is the one just built. */
    private static Optional<Path> newestLambdaJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
                    .max(Comparator.comparing(FunctionDiscovery::lastModified));
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class NoFunctionsException extends RuntimeException {
        public NoFunctionsException(String message) {
            super(message);
        }
    }
}
