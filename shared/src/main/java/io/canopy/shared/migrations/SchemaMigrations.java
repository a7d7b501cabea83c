package io.canopy.shared.migrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Brings the function's schema ({@code canopy.migrations.schema}) up to the Flyway migrations its artifact carries
 * ({@code db/migration}) when the datasource is created, before any request. Flyway itself starts only when the
 * schema's history differs from those migrations: nearly every cold start finds the schema current, which one
 * query on the history table shows, and leaving Flyway unloaded then saves about a tenth of a PostgreSQL group's
 * cold-start CPU (docs/BENCHMARKS.md). New, changed, failed or unknown migrations all go to Flyway, which applies
 * them or stops the function with its own error, exactly as if it had run every time.
 */
@Singleton
@Requires(property = SchemaMigrations.SCHEMA_PROPERTY, pattern = ".+")
@Requires(property = "canopy.migrations.enabled", notEquals = "false")
public class SchemaMigrations implements BeanCreatedEventListener<DataSource> {

    static final String SCHEMA_PROPERTY = "canopy.migrations.schema";
    static final String FOLDER = "db/migration";
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private final String schema;
    private final DataSourceResolver resolver;
    private final ClassLoader loader;

    public SchemaMigrations(@Value("${" + SCHEMA_PROPERTY + "}") String schema, @Nullable DataSourceResolver resolver) {
        this(schema, resolver, SchemaMigrations.class.getClassLoader());
    }

    SchemaMigrations(String schema, @Nullable DataSourceResolver resolver, ClassLoader loader) {
        if (!PLAIN_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(SCHEMA_PROPERTY + " must be a plain lower-case name, not '" + schema + "'");
        }
        this.schema = schema;
        this.resolver = resolver == null ? DataSourceResolver.DEFAULT : resolver;
        this.loader = loader;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        migrate(resolver.resolve(event.getBean()));
        return event.getBean();
    }

    void migrate(DataSource dataSource) {
        Optional<String> reason = whyMigrate(dataSource);
        if (reason.isEmpty()) {
            LOG.info("Schema {} is current with this artifact's migrations; Flyway not started", schema);
            return;
        }
        LOG.info("Schema {}: {}; Flyway migrates", schema, reason.get());
        FlywayMigration.migrate(dataSource, schema, loader, FOLDER);
    }

    /** Why Flyway must run; empty when the schema's history holds exactly the artifact's migrations. */
    Optional<String> whyMigrate(DataSource dataSource) {
        Optional<List<MigrationScripts.Script>> scripts;
        try {
            scripts = MigrationScripts.in(loader, FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migrations in " + FOLDER, e);
        }
        if (scripts.isEmpty()) {
            return Optional.of(FOLDER + " holds scripts only Flyway can judge");
        }
        try (Connection connection = dataSource.getConnection()) {
            return SchemaHistory.whyMigrate(scripts.get(), SchemaHistory.read(connection, schema));
        } catch (SQLException e) {
            return Optional.of("its history could not be read (" + e.getMessage() + ")");
        }
    }
}
