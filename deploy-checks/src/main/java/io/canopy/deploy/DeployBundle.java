package io.canopy.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the deployment bundle Terraform reads ({@code make package} writes it to {@code build/deploy}): for every
 * function module (a directory under {@code functions/} with a {@code .lambda-function} file), its artifact and what
 * the artifact declares, taken out of the artifact itself so Terraform deploys exactly what was built:
 *
 * <pre>
 * manifest.json                 {"groups": {"carbon": {"artifact": ..., "sha256": ..., "postgres": false}, ...}}
 * &lt;group&gt;/function.jar          the shaded *-lambda.jar
 * &lt;group&gt;/openapi.yml           META-INF/swagger/*.yml (the routes)
 * &lt;group&gt;/dynamodb-tables.json  META-INF/canopy/dynamodb-tables.json, or [] (the tables)
 * &lt;group&gt;/events.json           META-INF/canopy/events.json, or [] (the event subscriptions)
 * </pre>
 *
 * A group is a PostgreSQL group when its artifact carries Flyway migrations ({@code db/migration/}). JDK only, so
 * {@code make package} runs it straight from {@code deploy-checks/target/classes}.
 */
public final class DeployBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String ARTIFACT = "function.jar";
    public static final String OPENAPI = "openapi.yml";
    public static final String TABLES = "dynamodb-tables.json";
    public static final String EVENTS = "events.json";

    /** What the bundle holds for one group. */
    public record Group(String name, Path artifact, String sha256, boolean postgres) {
    }

    private DeployBundle() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DeployBundle <repository root> <bundle directory>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]).toAbsolutePath().normalize();
        try {
            List<Group> groups = build(root, out);
            for (Group group : groups) {
                System.out.printf("  %-13s %6.1f MB  %s%s%n", group.name(), Files.size(group.artifact()) / 1e6,
                        root.relativize(group.artifact()), group.postgres() ? "  (PostgreSQL)" : "");
            }
            System.out.println("bundle: " + groups.size() + " function groups in " + args[1]);
        } catch (IllegalStateException e) {
            System.err.println("bundle: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The function modules: directories under functions/ holding a .lambda-function file, sorted by name. */
    public static List<String> functionGroups(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(".lambda-function")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** The packaged artifact of a group: exactly one target/*-lambda.jar. */
    public static Path artifact(Path root, String group) throws IOException {
        Path target = root.resolve("functions").resolve(group).resolve("target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).forEach(jars::add);
            }
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("functions/" + group + "/target has " + jars.size()
                    + " *-lambda.jar (expected one): build the functions first (make package)");
        }
        return jars.get(0);
    }

    /** Replaces {@code out} with a fresh bundle of every function group under {@code root}. */
    public static List<Group> build(Path root, Path out) throws IOException {
        List<String> names = functionGroups(root);
        if (names.isEmpty()) {
            throw new IllegalStateException("no function modules (functions/*/.lambda-function) under " + root);
        }
        deleteRecursively(out);
        Files.createDirectories(out);
        List<Group> groups = new ArrayList<>();
        for (String name : names) {
            groups.add(bundle(name, artifact(root, name), out.resolve(name)));
        }
        Files.writeString(out.resolve(MANIFEST), manifest(groups), StandardCharsets.UTF_8);
        return groups;
    }

    private static Group bundle(String name, Path artifact, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(ARTIFACT);
        Files.copy(artifact, copy, StandardCopyOption.REPLACE_EXISTING);
        boolean postgres;
        try (ZipFile jar = new ZipFile(artifact.toFile())) {
            List<? extends ZipEntry> openapi = jar.stream()
                    .filter(e -> !e.isDirectory() && e.getName().matches("META-INF/swagger/[^/]+\\.ya?ml"))
                    .toList();
            if (openapi.size() != 1) {
                throw new IllegalStateException(artifact + " has " + openapi.size()
                        + " OpenAPI documents under META-INF/swagger/ (expected one)");
            }
            Files.write(dir.resolve(OPENAPI), read(jar, openapi.get(0)));
            Files.write(dir.resolve(TABLES), entryOr(jar, "META-INF/canopy/dynamodb-tables.json", "[]"));
            Files.write(dir.resolve(EVENTS), entryOr(jar, "META-INF/canopy/events.json", "[]"));
            postgres = jar.stream().anyMatch(e -> !e.isDirectory() && e.getName().startsWith("db/migration/"));
        }
        return new Group(name, copy, sha256(copy), postgres);
    }

    private static byte[] entryOr(ZipFile jar, String name, String fallback) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        return entry == null ? fallback.getBytes(StandardCharsets.UTF_8) : read(jar, entry);
    }

    private static byte[] read(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String manifest(List<Group> groups) {
        Map<String, Group> sorted = new TreeMap<>();
        groups.forEach(g -> sorted.put(g.name(), g));
        StringBuilder json = new StringBuilder("{\n  \"groups\": {");
        String separator = "\n";
        for (Group group : sorted.values()) {
            json.append(separator).append("    \"").append(group.name()).append("\": {")
                    .append("\"artifact\": \"").append(group.name()).append('/').append(ARTIFACT).append("\", ")
                    .append("\"sha256\": \"").append(group.sha256()).append("\", ")
                    .append("\"postgres\": ").append(group.postgres()).append('}');
            separator = ",\n";
        }
        return json.append("\n  }\n}\n").toString();
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
