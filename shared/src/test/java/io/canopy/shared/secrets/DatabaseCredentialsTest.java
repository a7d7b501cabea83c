package io.canopy.shared.secrets;

import com.zaxxer.hikari.HikariDataSource;
import io.canopy.testsupport.FakeSecretsManager;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.crac.resources.DataSourceResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a stand-in for Secrets Manager and a real PostgreSQL. The embedded server trusts local logins, so a
 * rotation is played as a change of user: the one the secret named before can no longer log in.
 */
class DatabaseCredentialsTest {

    private static final String SECRET_ID = "canopy/db";

    @Test
    void datasource_connectsWithSecretsCredentials_whenDbSecretIdIsSet() throws Exception {
        // GIVEN a datasource configured with a wrong user, and Secrets Manager holding the real credentials
        try (FakeSecretsManager secrets = new FakeSecretsManager().put(SECRET_ID, credentials("postgres"));
             ApplicationContext context = ApplicationContext.run(properties(secrets, TestPostgres.newDatabase()));
             // WHEN the function's context starts and opens a connection
             Connection connection = pool(context).getConnection()) {

            // THEN it is connected as the secret's user, read with one signed call
            assertTrue(connection.isValid(2));
            assertEquals("postgres", connection.getMetaData().getUserName());
            assertEquals(List.of(SECRET_ID), secrets.requests());
        }
    }

    @Test
    void restore_readsTheSecretAgain_beforeThePoolOpensNewConnections() throws Exception {
        // GIVEN a SnapStart init whose secret names a user that will be rotated away while the snapshot waits
        Map<String, String> database = TestPostgres.newDatabase();
        // roles belong to the whole server, which other tests of this JVM share
        String before = "canopy_before_" + ProcessHandle.current().pid();
        String after = "canopy_after_" + ProcessHandle.current().pid();
        execute(database, "CREATE ROLE " + before + " LOGIN SUPERUSER", "CREATE ROLE " + after + " LOGIN SUPERUSER");
        try (FakeSecretsManager secrets = new FakeSecretsManager().put(SECRET_ID, credentials(before))) {
            Map<String, Object> properties = properties(secrets, database);
            properties.putAll(Map.of("datasources.default.allow-pool-suspension", "true",
                    "datasources.default.connection-timeout", "3000",
                    "crac.enabled", "true"));
            try (ApplicationContext context = ApplicationContext.builder(properties).environments("test").start()) {
                HikariDataSource pool = pool(context);
                try (Connection connection = pool.getConnection()) {
                    assertEquals(before, connection.getMetaData().getUserName());
                }
                // (notified on restore before the resource that resumes the pool)
                assertTrue(context.getBean(DatabaseCredentials.class).getOrder() < context.getBean(DataSourceResource.class).getOrder());
                CheckpointSimulator checkpoint = context.getBean(CheckpointSimulator.class);
                checkpoint.runBeforeCheckpoint();

                // WHEN the credentials rotate (the old user can no longer log in), then the snapshot is restored
                execute(database, "ALTER ROLE " + before + " NOLOGIN");
                secrets.put(SECRET_ID, credentials(after));
                checkpoint.runAfterRestore();

                // THEN the secret was read again, and the pool's connections log in with its new value
                assertEquals(List.of(SECRET_ID, SECRET_ID), secrets.requests());
                try (Connection connection = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pool.getConnection())) {
                    assertEquals(after, connection.getMetaData().getUserName());
                }
            }
        }
    }

    @Test
    void start_fails_whenTheSecretIsNotUsernameAndPassword() {
        try (FakeSecretsManager secrets = new FakeSecretsManager().put(SECRET_ID, "{\"user\":\"postgres\"}")) {
            Exception e = assertThrows(Exception.class, () -> pool(ApplicationContext.run(properties(secrets, TestPostgres.newDatabase()))).getConnection());
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals("Secret canopy/db must hold string fields username and password", root.getMessage());
        }
    }

    private static Map<String, Object> properties(FakeSecretsManager secrets, Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        // The embedded server's URL names its user, and pgjdbc lets the URL win over the pool's user: drop it.
        properties.put("datasources.default.url", database.get("datasources.default.url").replaceFirst("[?&]user=[^&]*", ""));
        properties.put("datasources.default.username", "nobody");
        properties.put("datasources.default.password", "wrong");
        properties.put("canopy.db-secret-id", SECRET_ID);
        properties.put(FakeSecretsManager.ENDPOINT_PROPERTY, secrets.endpoint());
        return properties;
    }

    private static String credentials(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"unused-with-trust\"}";
    }

    private static HikariDataSource pool(ApplicationContext context) {
        return (HikariDataSource) context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    }

    private static void execute(Map<String, String> database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
