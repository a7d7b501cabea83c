package io.canopy.local.function;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads build-time descriptors (OpenAPI, DynamoDB tables) out of a deployment package without unpacking it. */
public final class ArtifactResources {

    public static final String DYNAMODB_TABLES = "META-INF/canopy/dynamodb-tables.json";
    /** The events a function's artifact subscribes to, and the handler that takes them. */
    public static final String EVENT_SUBSCRIPTIONS = "META-INF/canopy/events.json";

    private ArtifactResources() {
    }

    /** The micronaut-openapi output: {@code META-INF/swagger/*.yml}, sorted by name. */
    public static List<byte[]> openApiDocuments(Path artifact) throws IOException {
        return read(artifact, name -> name.startsWith("META-INF/swagger/") && name.indexOf('/', "META-INF/swagger/".length()) < 0
                && (name.endsWith(".yml") || name.endsWith(".yaml")));
    }

    public static Optional<byte[]> dynamoDbTables(Path artifact) throws IOException {
        return read(artifact, DYNAMODB_TABLES::equals).stream().findFirst();
    }

    public static Optional<byte[]> eventSubscriptions(Path artifact) throws IOException {
        return read(artifact, EVENT_SUBSCRIPTIONS::equals).stream().findFirst();
    }

    private static List<byte[]> read(Path artifact, Predicate<String> names) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries()).stream()
                    .filter(entry -> !entry.isDirectory() && names.test(entry.getName()))
                    .sorted(java.util.Comparator.comparing(ZipEntry::getName))
                    .toList();
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    contents.add(in.readAllBytes());
                }
            }
        }
        return contents;
    }
}
