package io.canopy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's own arithmetic and parsing; the measurements themselves run only under make bench. */
class HarnessPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void percentile_isNearestRank_andIgnoresMissingValues() {
        // GIVEN 1..100 and a missing value
        double[] values = new double[101];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        values[100] = Double.NaN;

        // WHEN / THEN
        assertThat(Stats.percentile(values, 50)).isEqualTo(50);
        assertThat(Stats.percentile(values, 90)).isEqualTo(90);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99);
        assertThat(Stats.percentile(new double[] {Double.NaN}, 50)).isNaN();
    }

    @Test
    void median_ofEvenCount_isTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of(5.0, Double.NaN, 1.0, 3.0))).isEqualTo(3.0);
    }

    @Test
    void event_carriesPathParametersQueryBodyAndTheTokensClaims() throws Exception {
        // GIVEN a token whose payload says sub=u1
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"u1\",\"roles\":[\"user\"]}"
                .getBytes(StandardCharsets.UTF_8));
        String token = "eyJhbGciOiJSUzI1NiJ9." + payload + ".sig";

        // WHEN
        JsonNode event = JSON.readTree(Events.build("carbon", "PATCH", "/usages/{id}", "/usages/42?x=1",
                "{\"amount\":1}", token));

        // THEN it is what the local gateway would send
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("PATCH /usages/{id}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/usages/42");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(event.path("headers").path("authorization").asText()).isEqualTo("Bearer " + token);
        assertThat(event.path("body").asText()).isEqualTo("{\"amount\":1}");
        assertThat(event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText()).isEqualTo("u1");
        assertThat(event.path("requestContext").path("authorizer").path("jwt").path("claims").path("roles").asText()).isEqualTo("[user]");
    }

    @Test
    void statusOf_readsThePayloadsStatusCode() {
        assertThat(Events.statusOf("{\"statusCode\": 201,\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
        assertThat(Events.statusOf("{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void heapInfo_ofSerialGc_sumsBothGenerations() {
        String serial = """
                 def new generation   total 78656K, used 45000K [0x00000000c9c00000, 0x00000000cf150000, 0x00000000dbd50000)
                  eden space 69952K,  64% used [0x00000000c9c00000, 0x00000000ce010000, 0x00000000ce050000)
                 tenured generation   total 174784K, used 12200K [0x00000000dbd50000, 0x00000000e6800000, 0x0000000100000000)
                 Metaspace       used 30720K, committed 31104K, reserved 1114112K
                  class space    used 3900K, committed 4096K, reserved 1048576K
                """;
        Probe.Heap heap = Probe.parse(serial);
        assertThat(heap.usedMb()).isEqualTo((45000 + 12200) / 1024.0);
        assertThat(heap.metaspaceMb()).isEqualTo(30.0);
    }

    @Test
    void writeSection_replacesOnlyItsOwnMarkedBlock(@TempDir Path dir) throws Exception {
        // GIVEN a document with hand-written text around two generated sections
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# B\nintro\n<!-- bench:results:begin -->\nold\n<!-- bench:results:end -->\nmiddle\n"
                + "<!-- bench:variants:begin -->\nkeep\n<!-- bench:variants:end -->\nend\n");

        // WHEN the results are rewritten and a new section is added
        Report.writeSection(file, "results", "new table");
        Report.writeSection(file, "classload", "loaded");

        // THEN nothing else changed
        String text = Files.readString(file);
        assertThat(text).startsWith("# B\nintro\n<!-- bench:results:begin -->\nnew table\n<!-- bench:results:end -->\nmiddle\n");
        assertThat(text).contains("<!-- bench:variants:begin -->\nkeep\n<!-- bench:variants:end -->\nend");
        assertThat(text).doesNotContain("old");
        assertThat(text).endsWith("<!-- bench:classload:begin -->\nloaded\n<!-- bench:classload:end -->\n");
    }

    @Test
    void command_repeatsTheBenchPropertiesOfTheRun() {
        Properties none = new Properties();
        assertThat(BenchSettings.command(none)).isEqualTo("make bench");
        Properties quick = new Properties();
        quick.setProperty("bench.warm", "100");
        quick.setProperty("bench.runs", "1");
        quick.setProperty("java.home", "/ignored");
        assertThat(BenchSettings.command(quick)).isEqualTo("make bench BENCH_ARGS=\"-Dbench.runs=1 -Dbench.warm=100\"");
        quick.setProperty("bench.javaToolOptions", "-XX:A=1 -XX:B=2");
        assertThat(BenchSettings.command(quick)).isEqualTo(
                "make bench BENCH_ARGS=\"'-Dbench.javaToolOptions=-XX:A=1 -XX:B=2' -Dbench.runs=1 -Dbench.warm=100\"");
    }

    @Test
    void classLoadAnalysis_splitsBySourceAndGroupsTheArtifactsClasses(@TempDir Path dir) throws Exception {
        // GIVEN an artifact with two groups and a log of what loaded
        Path jar = dir.resolve("f.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("io/micronaut/http/A.class", "io/micronaut/http/B.class", "org/flywaydb/core/C.class")) {
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(new byte[10]);
                out.closeEntry();
            }
        }
        Path root = dir.resolve("tasks").resolve("f");
        List<String> log = List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.020s][info][class,load] java.net.Foo source: jrt:/java.base",
                "[0.030s][info][class,load] com.amazonaws.X source: file:/x/infra/target/ric/ric.jar",
                "[0.500s][info][class,load] io.micronaut.http.A source: " + root.toUri(),
                "[0.600s][info][class,load] io.micronaut.http.A$$Lambda$1/0x01 source: io.micronaut.http.A");

        // WHEN
        ClassLoadAnalysis.Result result = ClassLoadAnalysis.analyse("f", "baseline", log, root, jar);

        // THEN
        assertThat(result.total()).isEqualTo(5);
        assertThat(result.fromCds()).isEqualTo(1);
        assertThat(result.fromJdk()).isEqualTo(1);
        assertThat(result.fromRic()).isEqualTo(1);
        assertThat(result.fromArtifact()).isEqualTo(1);
        assertThat(result.generated()).isEqualTo(1);
        assertThat(result.artifactClasses()).isEqualTo(3);
        Map<String, ClassLoadAnalysis.Group> groups = new java.util.HashMap<>();
        result.groups().forEach(g -> groups.put(g.name(), g));
        assertThat(groups.get("io.micronaut.http").loaded()).isEqualTo(1);
        assertThat(groups.get("io.micronaut.http").present()).isEqualTo(2);
        assertThat(groups.get("org.flywaydb.core").loaded()).isZero();
    }
}
