package io.canopy.shared.migrations;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Flyway's classes load only when this runs, which is why it stands apart from {@link SchemaMigrations}. */
final class FlywayMigration {

    private FlywayMigration() {
    }

    static void migrate(DataSource dataSource, String schema, ClassLoader loader, String folder) {
        Flyway.configure(loader)
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:" + folder)
                .load()
                .migrate();
    }
}
