package io.canopy.local.testfunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds deployment packages and task roots out of the compiled test handlers, like a function module's build. */
public final class TestFunctions {

    private static final String PACKAGE_DIR = "io/canopy/local/testfunction/";

    private TestFunctions() {
    }

    /** A directory laid out like an unpacked artifact: the handler classes at the top. */
    public static Path taskRoot(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> entry : handlerClasses().entrySet()) {
            Path target = dir.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, entry.getValue());
        }
        return dir;
    }

    /** A {@code *-lambda.jar} with the handler classes plus {@code extraEntries} (name → content). */
    public static Path lambdaJar(Path jar, Map<String, byte[]> extraEntries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : handlerClasses().entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
            for (Map.Entry<String, byte[]> entry : extraEntries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return jar;
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = TestFunctions.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> handlerClasses() throws IOException {
        try {
            Path classes = Path.of(TestFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(PACKAGE_DIR);
            try (Stream<Path> files = Files.list(classes)) {
                Map<String, byte[]> result = new TreeMap<>();
                for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    result.put(PACKAGE_DIR + file.getFileName(), Files.readAllBytes(file));
                }
                return result;
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Paths the RIC needs, as the runtime computes them from infra/target. */
    public static List<Path> ricClasspath() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "ric"))) {
            return jars.map(Path::toAbsolutePath).sorted().toList();
        }
    }

    public static Path watchdogAgent() {
        return Path.of("target", "canopy-local-watchdog.jar").toAbsolutePath();
    }
}
