package io.canopy.local.function;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.canopy.local.Directories.deleteRecursively;

/**
 * The unpacked deployment package of one function, like {@code /var/task} on Lambda.
 *
 * <p>Lambda unzips the package and the runtime interface client puts the task root directory (classes and
 * resources at its top) and {@code lib/*.jar} on the customer class path. Loading from an unpacked directory
 * rather than from the jar matters for fidelity: class loading cost and resource lookup behave as on Lambda.
 * Unpacking is redone only when the artifact changed, so it is paid once per build, like a deployment.
 */
public final class TaskRoot {

    private static final String STAMP = ".canopy-artifact";

    private TaskRoot() {
    }

    /** Makes {@code tasksDir/<name>} hold the unpacked artifact of {@code spec} and returns it. */
    public static Path prepare(FunctionSpec spec, Path tasksDir) throws IOException {
        Path root = tasksDir.resolve(spec.name());
        String stamp = spec.artifact().toAbsolutePath() + "|" + Files.size(spec.artifact()) + "|"
                + Files.getLastModifiedTime(spec.artifact()).toMillis();
        Path stampFile = root.resolve(STAMP);
        if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            return root;
        }
        deleteRecursively(root);
        Path staging = Files.createDirectories(tasksDir).resolve("." + spec.name() + ".unpacking");
        deleteRecursively(staging);
        unzip(spec.artifact(), staging);
        Files.writeString(staging.resolve(STAMP), stamp);
        Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        return root;
    }

    private static void unzip(Path artifact, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("Entry outside the task root in " + artifact + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        }
    }
}
