package io.canopy.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalRuntime}.
 *
 * @param projectRoot the checkout; functions are found under {@code functions/}
 * @param dataDir     databases and secrets; kept between runs
 * @param bindAddress the gateway's interface
 * @param port        the gateway's port; 0 picks a free one
 * @param issuer      the token issuer and public base URL; null means {@code http://localhost:<port>}
 * @param audience    the {@code aud} the authorizer requires
 * @param adminEmails passed to functions as {@code CANOPY_ADMIN_EMAILS}; null passes nothing
 * @param passThrough further {@code CANOPY_*} variables for every function (the runtime's own environment in {@code main})
 * @param handlers    function name → Lambda handler, for functions that do not use the Micronaut payload 2.0 handler
 */
public record LocalRuntimeConfig(Path projectRoot, Path dataDir, String bindAddress, int port, String issuer,
                                 String audience, String adminEmails, Map<String, String> passThrough,
                                 Map<String, String> handlers) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_AUDIENCE = "canopy";

    public LocalRuntimeConfig {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(audience, "audience");
        passThrough = Map.copyOf(passThrough);
        handlers = Map.copyOf(handlers);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** Port 8080 on 127.0.0.1, data under {@code <projectRoot>/.canopy}. */
    public static LocalRuntimeConfig defaults(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        return new LocalRuntimeConfig(root, root.resolve(".canopy"), "127.0.0.1", DEFAULT_PORT, null,
                DEFAULT_AUDIENCE, null, Map.of(), Map.of());
    }

    public LocalRuntimeConfig withPort(int newPort) {
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, newPort, issuer, audience, adminEmails, passThrough, handlers);
    }

    public LocalRuntimeConfig withDataDir(Path newDataDir) {
        return new LocalRuntimeConfig(projectRoot, newDataDir.toAbsolutePath().normalize(), bindAddress, port, issuer,
                audience, adminEmails, passThrough, handlers);
    }

    public LocalRuntimeConfig withAdminEmails(String emails) {
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, port, issuer, audience, emails, passThrough, handlers);
    }

    public LocalRuntimeConfig withIssuer(String newIssuer) {
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, port, newIssuer, audience, adminEmails, passThrough, handlers);
    }

    public LocalRuntimeConfig withAudience(String newAudience) {
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, port, issuer, newAudience, adminEmails, passThrough, handlers);
    }

    public LocalRuntimeConfig withBindAddress(String address) {
        return new LocalRuntimeConfig(projectRoot, dataDir, address, port, issuer, audience, adminEmails, passThrough, handlers);
    }

    public LocalRuntimeConfig withPassThrough(Map<String, String> variables) {
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, port, issuer, audience, adminEmails, variables, handlers);
    }

    public LocalRuntimeConfig withHandler(String function, String handler) {
        Map<String, String> updated = new HashMap<>(handlers);
        updated.put(function, handler);
        return new LocalRuntimeConfig(projectRoot, dataDir, bindAddress, port, issuer, audience, adminEmails, passThrough, updated);
    }
}
