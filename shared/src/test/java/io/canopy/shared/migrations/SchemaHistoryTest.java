package io.canopy.shared.migrations;

import io.canopy.shared.migrations.MigrationScripts.Script;
import io.canopy.shared.migrations.SchemaHistory.Applied;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision alone, on histories Flyway writes but a test database rarely shows. */
class SchemaHistoryTest {

    private static final List<Script> SCRIPTS = List.of(
            new Script("db/migration/V1__create.sql", Version.of("1"), "create", 11),
            new Script("db/migration/V1_1__index.sql", Version.of("1_1"), "index", 22));
    private static final Applied SCHEMA_CREATED = new Applied("0", "<< Flyway Schema Creation >>", "SCHEMA", null, true);

    @Test
    void whyMigrate_isEmpty_whenTheHistoryHoldsExactlyTheScripts() {
        assertEquals(Optional.empty(), SchemaHistory.whyMigrate(SCRIPTS, List.of(SCHEMA_CREATED,
                new Applied("1", "create", "SQL", 11, true), new Applied("1.1", "index", "SQL", 22, true))));
    }

    @Test
    void whyMigrate_matchesVersions_asFlywayComparesThem() {
        assertEquals(Optional.empty(), SchemaHistory.whyMigrate(SCRIPTS, List.of(
                new Applied("1.0", "create", "SQL", 11, true), new Applied("01.1", "index", "SQL", 22, true))));
        assertEquals(Version.of("1.1"), Version.of("1_1"));
        assertTrue(Version.of("1.10").compareTo(Version.of("1.9")) > 0);
    }

    @Test
    void whyMigrate_sendsToFlyway_anyHistoryItCouldActOnOrRefuse() {
        Applied first = new Applied("1", "create", "SQL", 11, true);
        Applied second = new Applied("1.1", "index", "SQL", 22, true);
        assertEquals(Optional.of("no migration history yet"), SchemaHistory.whyMigrate(SCRIPTS, List.of()));
        assertEquals(Optional.of("a failed migration in the history (version 1.1)"), SchemaHistory.whyMigrate(SCRIPTS,
                List.of(first, new Applied("1.1", "index", "SQL", 22, false))));
        assertEquals(Optional.of("a BASELINE row in the history"), SchemaHistory.whyMigrate(SCRIPTS,
                List.of(new Applied("1", "<< Flyway Baseline >>", "BASELINE", null, true), second)));
        assertEquals(Optional.of("db/migration/V1_1__index.sql differs from the applied version 1.1"),
                SchemaHistory.whyMigrate(SCRIPTS, List.of(first, new Applied("1.1", "index", "SQL", 23, true))));
        assertEquals(Optional.of("db/migration/V1_1__index.sql differs from the applied version 1.1"),
                SchemaHistory.whyMigrate(SCRIPTS, List.of(first, new Applied("1.1", "idx", "SQL", 22, true))));
        assertEquals(Optional.of("version 2 applied but not in this artifact"), SchemaHistory.whyMigrate(SCRIPTS,
                List.of(first, second, new Applied("2", "later", "SQL", 33, true))));
        assertEquals(Optional.of("version 1 twice in the history"), SchemaHistory.whyMigrate(SCRIPTS,
                List.of(first, first, second)));
    }
}
