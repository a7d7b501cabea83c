package io.canopy.shared.secrets;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * In AWS the database user and password live in a Secrets Manager secret ({@code CANOPY_DB_SECRET_ID}, the JSON
 * RDS writes: {@code {"username": ..., "password": ...}}), never in the function's environment. They are read once,
 * at init, through the Parameters and Secrets Lambda Extension, before the pool opens its first connection.
 * Without a secret id (local runtime, tests) the datasource keeps its configured user and password.
 */
@Singleton
@Requires(classes = DatasourceConfiguration.class)
@Requires(property = "canopy.db-secret-id", pattern = ".+")
public class DatabaseCredentials implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final String secretId;
    private final SecretsExtensionClient secrets;
    private final JsonMapper json;

    public DatabaseCredentials(@Value("${canopy.db-secret-id}") String secretId,
                               @Value("${canopy.secrets-extension.url}") String extensionUrl,
                               @Value("${canopy.secrets-extension.token:}") String extensionToken,
                               JsonMapper json) {
        this.secretId = secretId;
        this.secrets = new SecretsExtensionClient(extensionUrl, extensionToken, json);
        this.json = json;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        JsonNode secret;
        try {
            secret = json.readValue(secrets.secretString(secretId), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Secret " + secretId + " is not JSON", e);
        }
        JsonNode username = secret.get("username");
        JsonNode password = secret.get("password");
        if (username == null || !username.isString() || password == null || !password.isString()) {
            throw new IllegalStateException("Secret " + secretId + " must hold string fields username and password");
        }
        datasource.setUsername(username.getStringValue());
        datasource.setPassword(password.getStringValue());
        return datasource;
    }
}
