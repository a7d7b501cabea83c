package io.canopy.shared.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL answers a validity check within 2 s. Present in every function that has a DataSource. It asks the
 * pool itself: with micronaut-data the injected DataSource is a proxy that only works inside a transaction.
 */
@Singleton
@Requires(classes = DataSourceResolver.class)
@Requires(beans = DataSource.class)
public class JdbcStoreCheck implements StoreCheck {

    private final DataSource dataSource;

    public JdbcStoreCheck(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void check() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new SQLException("connection is not valid");
            }
        }
    }
}
