package io.canopy.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function's artifact stays within its size limit: it is what Lambda downloads and unpacks before every cold
 * start (issue #8): 20 MB for the PostgreSQL groups, 15 MB for the others (decimal megabytes, the stricter reading).
 * When one fails, docs/BENCHMARKS.md, "Artifact size", lists what each artifact carries and what could go.
 */
class ArtifactSizeTest {

    private static final long MB = 1_000_000;
    private static final long POSTGRES_LIMIT = 20 * MB;
    private static final long LIMIT = 15 * MB;

    static List<String> groups() throws IOException {
        return List.copyOf(DeployBundle.functionGroups(Repo.ROOT));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void artifact_isWithinItsLimit(String group) throws IOException {
        Artifacts.Artifact artifact = Artifacts.of(group);
        long limit = artifact.postgres() ? POSTGRES_LIMIT : LIMIT;

        assertThat(Files.size(artifact.jar())).as("%s (%s), limit %d bytes", group, artifact.jar().getFileName(), limit)
                .isLessThanOrEqualTo(limit);
    }
}
