package io.canopy.shared.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The SQL migrations an artifact carries under one classpath folder, read the way Flyway reads them: version and
 * description from the file name ({@code V1_2__add_index.sql} is version 1.2, "add index"), and Flyway's checksum (a
 * CRC-32 of the lines' UTF-8 bytes without line breaks or byte-order mark).
 */
final class MigrationScripts {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");

    record Script(String name, Version version, String description, int checksum) {
    }

    private MigrationScripts() {
    }

    /**
     * The folder's versioned migrations; empty when it holds SQL this class cannot judge as Flyway would (a
     * repeatable, undo or callback script), or when the folder is somewhere other than a directory or a jar.
     */
    static Optional<List<Script>> in(ClassLoader loader, String folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (URL root : Collections.list(loader.getResources(folder))) {
            if (!addNames(root, folder, names)) {
                return Optional.empty();
            }
        }
        List<Script> scripts = new ArrayList<>();
        for (String name : names) {
            String fileName = name.substring(name.lastIndexOf('/') + 1);
            if (!fileName.endsWith(".sql")) {
                continue;
            }
            Matcher versioned = VERSIONED.matcher(fileName);
            if (!versioned.matches()) {
                return Optional.empty();
            }
            Version version;
            try {
                version = Version.of(versioned.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            try (InputStream content = loader.getResourceAsStream(name)) {
                if (content == null) {
                    return Optional.empty();
                }
                scripts.add(new Script(name, version, versioned.group(2).replace('_', ' '), checksum(content)));
            }
        }
        return Optional.of(List.copyOf(scripts));
    }

    /** Flyway's checksum: line endings and a leading byte-order mark do not count. */
    static int checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = lines.readLine()) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static boolean addNames(URL root, String folder, List<String> names) throws IOException {
        switch (root.getProtocol()) {
            case "file" -> {
                Path directory;
                try {
                    directory = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    return false;
                }
                try (Stream<Path> files = Files.walk(directory)) {
                    files.filter(Files::isRegularFile)
                            .map(file -> folder + "/" + directory.relativize(file).toString().replace('\\', '/'))
                            .forEach(names::add);
                }
                return true;
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(folder + "/")) {
                            names.add(entry.getName());
                        }
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
