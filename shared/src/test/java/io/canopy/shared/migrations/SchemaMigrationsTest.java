package io.canopy.shared.migrations;

import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real PostgreSQL and real Flyway, with migrations in a folder (or jar) of the test's own. */
class SchemaMigrationsTest {

    private static final String SCHEMA = "ledger";
    private static final String V1 = "V1__create_entries.sql";
    private static final String V1_SQL = "CREATE TABLE entries (id bigint PRIMARY KEY);\n";

    @TempDir
    Path classpath;
    private Path folder;
    private DataSource database;
    private final AtomicInteger connections = new AtomicInteger();
    private URLClassLoader loader;

    @BeforeEach
    void newDatabase() throws IOException {
        Map<String, String> settings = TestPostgres.newDatabase();
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(settings.get("datasources.default.url"));
        postgres.setUser(settings.get("datasources.default.username"));
        postgres.setPassword(settings.get("datasources.default.password"));
        database = counting(postgres);
        folder = Files.createDirectories(classpath.resolve("classes/db/migration"));
        loader = new URLClassLoader(new URL[]{classpath.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
    }

    @AfterEach
    void closeLoader() throws IOException {
        loader.close();
    }

    @Test
    void migrate_appliesEveryScript_andThenFindsTheSchemaCurrent_whenTheDatabaseIsNew() throws Exception {
        // GIVEN two migrations, one saved by an editor that writes a byte-order mark and CRLF line ends
        write(V1, V1_SQL);
        write("V1_1__add_amount.sql", "\uFEFFALTER TABLE entries\r\n  ADD COLUMN amount numeric;\r\n");
        SchemaMigrations migrations = new SchemaMigrations(SCHEMA, null, loader);

        // WHEN the datasource of a new database is created
        migrations.migrate(database);

        // THEN Flyway created the schema, the table and its added column, and its history now matches the scripts exactly,
        // checksums included (ours are computed as Flyway computes them)
        assertEquals(List.of("amount", "id"), columns("entries"));
        assertEquals(Optional.empty(), migrations.whyMigrate(database));
    }

    @Test
    void migrate_opensOneConnectionAndLeavesFlywayAlone_whenTheSchemaIsCurrent() throws Exception {
        // GIVEN a schema already migrated by an earlier cold start
        SchemaMigrations migrations = migratedToV1();
        connections.set(0);

        // WHEN the next cold start creates its datasource
        migrations.migrate(database);

        // THEN only the history was read: Flyway, which opens connections of its own, never started
        assertEquals(1, connections.get());
    }

    @Test
    void migrate_appliesTheNewScript_whenTheArtifactIsAheadOfTheSchema() throws Exception {
        // GIVEN a schema at V1, and a new artifact that adds V2
        SchemaMigrations migrations = migratedToV1();
        write("V2__create_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        assertEquals(Optional.of("db/migration/V2__create_accounts.sql not applied"), migrations.whyMigrate(database));

        // WHEN its datasource is created
        migrations.migrate(database);

        // THEN V2 is applied and the schema is current again
        assertEquals(List.of("id"), columns("accounts"));
        assertEquals(Optional.empty(), migrations.whyMigrate(database));
    }

    @Test
    void migrate_failsWithFlywaysValidationError_whenAnAppliedScriptWasEdited() throws Exception {
        // GIVEN a schema at V1, and an artifact whose V1 was edited afterwards
        SchemaMigrations migrations = migratedToV1();
        write(V1, "CREATE TABLE entries (id bigint PRIMARY KEY, note text);\n");

        // WHEN its datasource is created
        FlywayException refused = assertThrows(FlywayException.class, () -> migrations.migrate(database));

        // THEN Flyway refuses to start the function, as it would have without the check, and nothing changed
        assertTrue(refused.getMessage().contains("checksum mismatch"), refused.getMessage());
        assertEquals(List.of("id"), columns("entries"));
    }

    @Test
    void whyMigrate_readsScriptsFromAJar_asDeployedArtifactsCarryThem() throws Exception {
        // GIVEN a schema migrated from a folder, and the same scripts packed in a jar
        migratedToV1();
        Path jar = classpath.resolve("function.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/migration/"));
            out.putNextEntry(new JarEntry("db/migration/" + V1));
            out.write(Files.readAllBytes(folder.resolve(V1)));
        }

        // WHEN the check reads them from the jar
        try (URLClassLoader jarLoader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Optional<String> reason = new SchemaMigrations(SCHEMA, null, jarLoader).whyMigrate(database);

            // THEN it finds the schema current
            assertEquals(Optional.empty(), reason);
        }
    }

    @Test
    void whyMigrate_leavesItToFlyway_whenTheFolderHoldsARepeatableScript() throws Exception {
        // GIVEN a migrated schema, and an artifact with a repeatable script (re-applied by Flyway when it changes)
        SchemaMigrations migrations = migratedToV1();
        write("R__entry_totals.sql", "CREATE OR REPLACE VIEW entry_totals AS SELECT count(*) AS n FROM entries;\n");

        // WHEN the check runs, THEN Flyway decides, and applies the view
        assertEquals(Optional.of("db/migration holds scripts only Flyway can judge"), migrations.whyMigrate(database));
        migrations.migrate(database);
        assertEquals(List.of("n"), columns("entry_totals"));
    }

    @Test
    void whyMigrate_leavesItToFlyway_whenTheHistoryCannotBeRead() throws Exception {
        // GIVEN a database that refuses connections
        write(V1, V1_SQL);
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");

        // WHEN the check runs, THEN it says why Flyway must run (and Flyway then reports the failure itself)
        Optional<String> reason = new SchemaMigrations(SCHEMA, null, loader).whyMigrate(unreachable);
        assertTrue(reason.orElseThrow().startsWith("its history could not be read"), reason.toString());
    }

    @Test
    void constructor_refusesASchemaNameThatWouldNeedQuoting() {
        assertThrows(IllegalArgumentException.class, () -> new SchemaMigrations("ledger\"; DROP", null, loader));
    }

    @Test
    void context_hasTheListener_unlessMigrationsAreSwitchedOff() {
        try (ApplicationContext on = ApplicationContext.run(Map.of("canopy.migrations.schema", SCHEMA));
             ApplicationContext off = ApplicationContext.run(Map.of("canopy.migrations.schema", SCHEMA,
                     "canopy.migrations.enabled", "false"));
             ApplicationContext dynamo = ApplicationContext.run(Map.of())) {
            assertTrue(on.containsBean(SchemaMigrations.class));
            assertFalse(off.containsBean(SchemaMigrations.class));
            assertFalse(dynamo.containsBean(SchemaMigrations.class));
        }
    }

    /** A schema migrated by an earlier cold start, from an artifact that carries only V1. */
    private SchemaMigrations migratedToV1() throws IOException {
        write(V1, V1_SQL);
        SchemaMigrations migrations = new SchemaMigrations(SCHEMA, null, loader);
        migrations.migrate(database);
        return migrations;
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> columns(String table) throws SQLException {
        try (Connection connection = database.getConnection();
             ResultSet result = connection.createStatement().executeQuery("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_schema = '" + SCHEMA + "' AND table_name = '" + table + "' ORDER BY column_name")) {
            List<String> names = new ArrayList<>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    /** The data source, counting the connections asked of it. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
