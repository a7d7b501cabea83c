package io.canopy.deploy;

import io.canopy.deploy.terraform.ModuleInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two Terraform roots, evaluated at plan time over a bundle built from the functions' artifacts exactly as
 * {@code make package} builds it. Shared by every check (evaluation is memoized).
 */
final class Deployments {

    static final List<String> NAMES = List.of("aws", "localstack");

    private static Path bundle;
    private static final Map<String, ModuleInstance> ROOTS = new LinkedHashMap<>();

    private Deployments() {
    }

    static synchronized Path bundle() {
        if (bundle == null) {
            try {
                Path dir = Files.createTempDirectory("canopy-bundle-");
                DeployBundle.build(Repo.ROOT, dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                bundle = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }

    /** The root module of environments/NAME with the variables a deployer would give. */
    static synchronized ModuleInstance root(String name) {
        return ROOTS.computeIfAbsent(name, n -> {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("bundle_dir", bundle().toString());
            variables.put("admin_emails", List.of("admin@example.com"));
            return ModuleInstance.root(Repo.ENVIRONMENTS.resolve(n), variables);
        });
    }

    /** The Canopy application module of a deployment. */
    static ModuleInstance canopy(String name) {
        return root(name).child("canopy");
    }

    /** Whether the deployment is AWS proper (secrets through Secrets Manager, VPC, ...) rather than LocalStack. */
    static boolean isAws(String name) {
        return name.equals("aws");
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory
        }
    }
}
