package io.canopy.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shade filters that keep only part of a library (the root pom's lambda-function profile) leave out nothing a class
 * in the artifact names: such a class would fail with NoClassDefFoundError on whichever path first loads it, which
 * may be a path no other test takes. Every class name in the constant pools of the artifact's classes that falls in a
 * filtered package must be in the artifact. JOSE classes count too: only identity ships nimbus-jose-jwt, so any other
 * artifact naming one would fail the same way.
 */
class ArtifactReferencesTest {

    /** Packages of which an artifact carries only a part. */
    private static final Pattern FILTERED = Pattern.compile(
            "(?:com/amazonaws/services/lambda/runtime/events|io/micronaut/aws/lambda/events/serde|com/nimbusds)/[A-Za-z0-9_$/]+");

    static List<String> groups() throws IOException {
        return List.copyOf(DeployBundle.functionGroups(Repo.ROOT));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void everyClassNamedInAFilteredPackage_isInTheArtifact(String group) throws IOException {
        Set<String> missing = new TreeSet<>();
        int named = 0;
        try (ZipFile jar = new ZipFile(Artifacts.of(group).jar().toFile())) {
            Set<String> classes = jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())).collect(Collectors.toSet());
            for (ZipEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                for (String name : classNamesIn(jar, entry)) {
                    named++;
                    if (!classes.contains(name)) {
                        missing.add(name + " (named by " + entry.getName() + ")");
                    }
                }
            }
        }
        assertThat(missing).as("%s: classes named but left out", group).isEmpty();
        assertThat(named).as("%s names the HTTP API's event classes", group).isPositive();
    }

    /** Class names in a filtered package, as the constant pool writes them (slashed, in descriptors or alone). */
    private static Set<String> classNamesIn(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            Matcher m = FILTERED.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                if (!m.group().endsWith("/package")) { // package-info, which the pattern cuts at its hyphen
                    names.add(m.group());
                }
            }
            return names;
        }
    }
}
