package io.canopy.certificates.persistence;

import io.canopy.certificates.MasterKeyFiles;
import io.canopy.certificates.crypto.EnvelopeVault;
import io.canopy.certificates.domain.CertificateService;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented re-wrap command, run as the README says: {@code java -cp ... RewrapKeys} in a JVM of its own,
 * configured only by environment variables (the database and the new and old master key files).
 */
class RewrapKeysCommandTest {

    private final Map<String, String> database = TestPostgres.newDatabase();

    @Test
    void rewrapCommand_movesEveryRowItCan_reportsTheRest_andExitsWithItsStatus() throws Exception {
        // GIVEN three certificates under an old master key, and one under a key nobody configures any more
        Path oldKey = MasterKeyFiles.create();
        Path newKey = MasterKeyFiles.create();
        UUID user = UUID.randomUUID();
        Map<UUID, String> secrets = new HashMap<>();
        try (ApplicationContext old = context(oldKey)) {
            for (int i = 0; i < 3; i++) {
                String secret = Base64.getEncoder().encodeToString(random(100 + i));
                secrets.put(old.getBean(CertificateService.class).create(user, secret, "c" + i, true).id(), secret);
            }
        }
        UUID lost;
        try (ApplicationContext other = context(MasterKeyFiles.create())) {
            lost = other.getBean(CertificateService.class).create(user, Base64.getEncoder().encodeToString(random(8)), "lost", false).id();
        }

        // WHEN the command runs with the new key current and the old one as previous
        Run first = rewrap(newKey, oldKey);

        // THEN it re-wrapped the three, named the one it could not, and exits 1
        assertEquals(1, first.exitCode(), first.output());
        assertTrue(first.output().contains("Re-wrapped 3 certificate data key(s)"), first.output());
        assertTrue(first.output().contains(lost.toString()), first.output());
        // AND every re-wrapped row opens with the new key alone
        try (ApplicationContext newOnly = context(newKey)) {
            String newKeyId = newOnly.getBean(EnvelopeVault.class).currentKeyId();
            for (Map.Entry<UUID, String> secret : secrets.entrySet()) {
                assertEquals(newKeyId, keyIdOf(secret.getKey()));
                assertEquals(secret.getValue(), newOnly.getBean(CertificateService.class).privateKey(user, secret.getKey()));
            }
        }

        // WHEN the unrecoverable row is deleted and the command runs again
        execute("DELETE FROM certificates.certificates WHERE id = '" + lost + "'::uuid");
        Run second = rewrap(newKey, oldKey);

        // THEN there is nothing left to do, and it exits 0
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("Re-wrapped 0 certificate data key(s)"), second.output());
    }

    private record Run(int exitCode, String output) {
    }

    /** The README's command: the module's classes, configured by the function's environment variables only. */
    private Run rewrap(Path current, Path previous) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Lambda's own start-up flags: the command is a short-lived JVM.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), RewrapKeys.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CANOPY_") || name.startsWith("JDBC_") || name.startsWith("AWS_"));
        env.put("JDBC_URL", database.get("datasources.default.url"));
        env.put("JDBC_USER", database.get("datasources.default.username"));
        env.put("JDBC_PASSWORD", database.get("datasources.default.password"));
        env.put("CANOPY_MASTER_KEY_FILE", current.toString());
        env.put("CANOPY_PREVIOUS_MASTER_KEY_FILES", previous.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command did not end: " + output);
        return new Run(process.exitValue(), output);
    }

    private ApplicationContext context(Path masterKey) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.master-key-file", masterKey.toString());
        return ApplicationContext.run(properties);
    }

    private String keyIdOf(UUID id) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT key_id FROM certificates.certificates WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("datasources.default.url"), database.get("datasources.default.username"),
                database.get("datasources.default.password"));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
