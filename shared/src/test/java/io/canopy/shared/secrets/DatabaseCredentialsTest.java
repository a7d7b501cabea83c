package io.canopy.shared.secrets;

import com.sun.net.httpserver.HttpServer;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a stand-in for the Parameters and Secrets Lambda Extension and a real PostgreSQL. */
class DatabaseCredentialsTest {

    @Test
    void datasource_connectsWithSecretsCredentials_whenDbSecretIdIsSet() throws Exception {
        // GIVEN a datasource configured with a wrong user, and the extension holding the real credentials
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer extension = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        extension.createContext("/secretsmanager/get", exchange -> {
            asked.add(exchange.getRequestURI().getRawQuery() + " " + exchange.getRequestHeaders().getFirst(SecretsExtensionClient.TOKEN_HEADER));
            byte[] body = "{\"SecretString\":\"{\\\"username\\\":\\\"postgres\\\",\\\"password\\\":\\\"postgres\\\"}\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        extension.start();
        Map<String, Object> properties = new HashMap<>(TestPostgres.newDatabase());
        properties.put("datasources.default.username", "nobody");
        properties.put("datasources.default.password", "wrong");
        properties.put("canopy.db-secret-id", "canopy/db");
        properties.put("canopy.secrets-extension.url", "http://127.0.0.1:" + extension.getAddress().getPort());
        properties.put("canopy.secrets-extension.token", "session-token");

        // WHEN the function's context starts and opens a connection
        try (ApplicationContext context = ApplicationContext.run(properties);
             Connection connection = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class)).getConnection()) {

            // THEN it is connected as the secret's user, and the secret was asked for with the session token
            assertTrue(connection.isValid(2));
            assertEquals("postgres", connection.getMetaData().getUserName());
            assertEquals(List.of("secretId=canopy%2Fdb session-token"), asked);
        } finally {
            extension.stop(0);
        }
    }
}
