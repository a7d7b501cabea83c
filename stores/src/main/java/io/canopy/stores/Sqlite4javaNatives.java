package io.canopy.stores;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * sqlite4java (inside DynamoDB Local) loads its native library from a directory named by a system property. This
 * jar carries every platform's copy; they are unpacked once per JVM into a temporary directory.
 */
final class Sqlite4javaNatives {

    private static final String RESOURCE_DIR = "io/canopy/stores/sqlite4java/";
    private static final List<String> LIBRARIES = List.of(
            "libsqlite4java-linux-amd64.so", "libsqlite4java-linux-i386.so", "libsqlite4java-osx.dylib",
            "sqlite4java-win32-x64.dll", "sqlite4java-win32-x86.dll");
    private static Path directory; // guarded by the class

    private Sqlite4javaNatives() {
    }

    /** Points sqlite4java at the unpacked libraries; harmless to call again. */
    static synchronized void install() {
        if (directory != null) {
            return;
        }
        try {
            Path unpacked = Files.createTempDirectory("canopy-sqlite4java");
            // Deleted at exit in the reverse order of registration: the directory first registered, last deleted.
            unpacked.toFile().deleteOnExit();
            for (String library : LIBRARIES) {
                try (InputStream in = Sqlite4javaNatives.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + library)) {
                    if (in == null) {
                        throw new IllegalStateException(RESOURCE_DIR + library + " is missing from canopy-stores");
                    }
                    Path target = unpacked.resolve(library);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            System.setProperty("sqlite4java.library.path", unpacked.toString());
            directory = unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack sqlite4java's native libraries", e);
        }
    }
}
