package io.canopy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree chores of the local runtime, its tests and the benchmark. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code path} and everything under it; nothing if it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@link #deleteRecursively}, for clean-up at the end: a failure is printed, not thrown. */
    public static void deleteOrWarn(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException e) {
            System.err.println("Could not delete " + path + ": " + e);
        }
    }
}
