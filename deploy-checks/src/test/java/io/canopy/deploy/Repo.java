package io.canopy.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the checks run in (Maven runs them in deploy-checks/). */
final class Repo {

    static final Path ROOT = find();
    static final Path TERRAFORM = ROOT.resolve("terraform");
    static final Path MODULES = TERRAFORM.resolve("modules");
    static final Path ENVIRONMENTS = TERRAFORM.resolve("environments");

    private Repo() {
    }

    private static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("terraform")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (with terraform/ and functions/) above " + Path.of("").toAbsolutePath());
    }
}
