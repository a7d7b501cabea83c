package io.canopy.shared.secrets;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.crac.OrderedResource;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * In AWS the database user and password live in a Secrets Manager secret ({@code CANOPY_DB_SECRET_ID}, the JSON
 * RDS writes: {@code {"username": ..., "password": ...}}), never in the function's environment. They are read at
 * init, before the pool opens its first connection, and under SnapStart read again after every restore, before
 * micronaut-crac resumes the pools: a snapshot may be weeks old and RDS rotates that password, so the pools' new
 * connections log in with the secret's current value, as a plain cold start's would. A secret that cannot be read
 * after a restore fails the restore (Lambda reports the failed restore) rather than serving requests that
 * could not log in. Without a secret id (local runtime, tests) the datasource keeps its configured user and password.
 */
@Singleton
@Requires(classes = DatasourceConfiguration.class)
@Requires(property = "canopy.db-secret-id", pattern = ".+")
public class DatabaseCredentials implements BeanCreatedEventListener<DatasourceConfiguration>, OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCredentials.class);

    private final String secretId;
    private final SecretsManagerSecrets secrets;
    private final JsonMapper json;
    private final BeanContext context;

    public DatabaseCredentials(@Value("${canopy.db-secret-id}") String secretId,
                               @Value("${canopy.secrets-manager.endpoint:}") String secretsEndpoint,
                               JsonMapper json, BeanContext context) {
        this.secretId = secretId;
        this.secrets = new SecretsManagerSecrets(secretsEndpoint, json);
        this.json = json;
        this.context = context;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        Credentials credentials = read();
        datasource.setUsername(credentials.getUsername());
        datasource.setPassword(credentials.getPassword());
        return datasource;
    }

    /** Runs before micronaut-crac's datasource resource resumes the pools (lower order: notified first on restore). */
    @Override
    public void afterRestore(Context<? extends Resource> ignored) {
        Credentials credentials = read();
        int pools = 0;
        DataSourceResolver resolver = context.findBean(DataSourceResolver.class).orElse(DataSourceResolver.DEFAULT);
        for (DataSource bean : context.getBeansOfType(DataSource.class)) {
            if (resolver.resolve(bean) instanceof HikariDataSource pool) {
                // Hikari reads these for every new connection; the connections closed at the checkpoint are gone.
                pool.getHikariConfigMXBean().setCredentials(credentials);
                pools++;
            }
        }
        LOG.info("Database credentials read again after restore, for {} pool(s)", pools);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> ignored) {
        // Nothing: micronaut-crac's datasource resource closes the connections.
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private Credentials read() {
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
        return Credentials.of(username.getStringValue(), password.getStringValue());
    }
}
