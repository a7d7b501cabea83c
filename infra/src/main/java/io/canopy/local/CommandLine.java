package io.canopy.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Flags win over environment variables, which win over defaults. */
final class CommandLine {

    static final String USAGE = """
            Usage: java -jar infra/target/canopy-local.jar [options]
              --port <n>            gateway port (env CANOPY_PORT, default 8080; 0 picks a free one)
              --bind <address>      gateway interface (env CANOPY_BIND, default 127.0.0.1)
              --project-root <dir>  the checkout holding functions/ (default: current directory)
              --data-dir <dir>      databases and secrets (env CANOPY_DATA_DIR, default <project-root>/.canopy)
              --issuer <url>        token issuer and public base URL (env CANOPY_ISSUER, default http://localhost:<port>)
              --audience <aud>      required token audience (env CANOPY_AUDIENCE, default canopy)
              --admin-emails <list> comma-separated admin emails for the functions (env CANOPY_ADMIN_EMAILS)
              --handler <fn>=<class> Lambda handler of one function (repeatable; default the Micronaut payload 2.0 handler)
              --help                this text
            Every other CANOPY_* variable is passed through to the functions.""";

    private CommandLine() {
    }

    static LocalRuntimeConfig parse(String[] args, Map<String, String> env, Path workingDir) {
        Map<String, String> flags = new HashMap<>();
        Map<String, String> handlers = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            String name;
            String value;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(2, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Unknown or incomplete option: " + arg);
            }
            if (name.equals("handler")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--handler needs <function>=<class>, got " + value);
                }
                handlers.put(value.substring(0, eq), value.substring(eq + 1));
                continue;
            }
            if (!Set.of("port", "bind", "project-root", "data-dir", "issuer", "audience", "admin-emails").contains(name)) {
                throw new IllegalArgumentException("Unknown option: --" + name);
            }
            flags.put(name, value);
        }
        Path root = Path.of(flags.getOrDefault("project-root", workingDir.toString())).toAbsolutePath().normalize();
        LocalRuntimeConfig config = LocalRuntimeConfig.defaults(root).withPassThrough(env);
        for (Map.Entry<String, String> handler : handlers.entrySet()) {
            config = config.withHandler(handler.getKey(), handler.getValue());
        }
        String port = option(flags, "port", env, "CANOPY_PORT");
        if (port != null) {
            try {
                config = config.withPort(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a port number: " + port);
            }
        }
        String bind = option(flags, "bind", env, "CANOPY_BIND");
        if (bind != null) {
            config = config.withBindAddress(bind);
        }
        String dataDir = option(flags, "data-dir", env, "CANOPY_DATA_DIR");
        if (dataDir != null) {
            config = config.withDataDir(Path.of(dataDir));
        }
        String issuer = option(flags, "issuer", env, "CANOPY_ISSUER");
        if (issuer != null) {
            config = config.withIssuer(issuer);
        }
        String audience = option(flags, "audience", env, "CANOPY_AUDIENCE");
        if (audience != null) {
            config = config.withAudience(audience);
        }
        String admins = option(flags, "admin-emails", env, "CANOPY_ADMIN_EMAILS");
        if (admins != null) {
            config = config.withAdminEmails(admins);
        }
        return config;
    }

    private static String option(Map<String, String> flags, String flag, Map<String, String> env, String variable) {
        String value = flags.get(flag);
        if (value == null) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
