package io.canopy.shared.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Flyway's history table ({@code <schema>.flyway_schema_history}) says was applied, set against an artifact's
 * migrations. The comparison is deliberately narrow: it finds a schema current only when Flyway, run now, would
 * apply nothing and its validation would pass, so skipping Flyway then changes nothing. Any doubt sends the
 * decision to Flyway.
 */
final class SchemaHistory {

    record Applied(String version, String description, String type, Integer checksum, boolean success) {
    }

    private SchemaHistory() {
    }

    /** The history's rows; empty when the schema or its history table does not exist yet. */
    static List<Applied> read(Connection connection, String schema) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version, description, type, checksum, success FROM \""
                     + schema + "\".flyway_schema_history")) {
            while (result.next()) {
                int checksum = result.getInt(4);
                rows.add(new Applied(result.getString(1), result.getString(2), result.getString(3),
                        result.wasNull() ? null : checksum, result.getBoolean(5)));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return List.of();  // undefined table or schema: never migrated
            }
            throw e;
        }
        return rows;
    }

    /** Why Flyway must run against this history; empty when the history holds exactly these migrations. */
    static Optional<String> whyMigrate(List<MigrationScripts.Script> scripts, List<Applied> history) {
        if (history.isEmpty()) {
            return Optional.of("no migration history yet");
        }
        Map<Version, Applied> applied = new HashMap<>();
        for (Applied row : history) {
            if (!row.success()) {
                return Optional.of("a failed migration in the history (version " + row.version() + ")");
            }
            if ("SCHEMA".equals(row.type())) {
                continue;  // Flyway's marker that it created the schema
            }
            if (!"SQL".equals(row.type()) || row.version() == null) {
                return Optional.of("a " + row.type() + " row in the history");
            }
            Version version;
            try {
                version = Version.of(row.version());
            } catch (NumberFormatException e) {
                return Optional.of("version " + row.version() + " in the history");
            }
            if (applied.put(version, row) != null) {
                return Optional.of("version " + version + " twice in the history");
            }
        }
        for (MigrationScripts.Script script : scripts) {
            Applied row = applied.remove(script.version());
            if (row == null) {
                return Optional.of(script.name() + " not applied");
            }
            if (row.checksum() == null || row.checksum() != script.checksum()
                    || !script.description().equals(row.description())) {
                return Optional.of(script.name() + " differs from the applied version " + script.version());
            }
        }
        if (!applied.isEmpty()) {
            return Optional.of("version " + applied.keySet().stream().sorted().toList().get(0)
                    + " applied but not in this artifact");
        }
        return Optional.empty();
    }
}
