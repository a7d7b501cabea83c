package io.canopy.bench;

import com.sun.net.httpserver.HttpServer;
import io.canopy.local.Directories;
import io.canopy.local.LoopbackHttpServers;
import io.canopy.local.events.EventBus;
import io.canopy.local.function.ArtifactResources;
import io.canopy.local.function.FunctionSpec;
import io.canopy.local.function.TaskRoot;
import io.canopy.local.lambda.LaunchSettings;
import io.canopy.local.lambda.LocalFunction;
import io.canopy.local.secrets.LocalSecrets;
import io.canopy.stores.DynamoDbStore;
import io.canopy.stores.DynamoDbTables;
import io.canopy.stores.PostgresStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static io.canopy.local.Directories.deleteRecursively;

/**
 * The backends and the Lambda emulation the measured functions run against: embedded PostgreSQL and DynamoDB
 * Local (canopy-stores), the local runtime's secrets and event bus, and one {@link LocalFunction} per target and
 * variant (canopy-local's Runtime API server and runtime interface client launch). What the local runtime's
 * gateway does for JWKS is a static file here: the harness serves identity's {@code /.well-known/jwks.json} itself,
 * so a function's cold start fetches keys from a server that answers at once.
 */
final class Harness implements AutoCloseable {

    static final String AUDIENCE = "canopy";
    static final String ADMIN_EMAIL = "bench-admin@canopy.example";
    static final String FLOOR_TABLE = "bench-floor";
    static final String FLOOR_ITEM = "item-1";

    private final Path dataDir;
    private final PostgresStore postgres;
    private final DynamoDbStore dynamodb;
    private final LocalSecrets secrets;
    private final EventBus eventBus;
    private final HttpServer jwksServer;
    private volatile byte[] jwks = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
    private final Path tasksDir;
    private final List<Path> ricClasspath;
    private final Path watchdogAgent;
    private final PrintWriter functionLog;
    private final Path functionLogFile;
    private final Map<String, Deque<String>> recentOutput = new ConcurrentHashMap<>();
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private final List<LocalFunction> functions = new ArrayList<>();

    private Harness(Path dataDir, PostgresStore postgres, DynamoDbStore dynamodb, LocalSecrets secrets,
                    EventBus eventBus, HttpServer jwksServer, Path tasksDir, List<Path> ricClasspath,
                    Path watchdogAgent, Path functionLogFile) throws IOException {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.dynamodb = dynamodb;
        this.secrets = secrets;
        this.eventBus = eventBus;
        this.jwksServer = jwksServer;
        this.tasksDir = tasksDir;
        this.ricClasspath = ricClasspath;
        this.watchdogAgent = watchdogAgent;
        this.functionLogFile = functionLogFile;
        this.functionLog = new PrintWriter(Files.newBufferedWriter(functionLogFile, StandardCharsets.UTF_8), true);
    }

    /**
     * @param root the checkout: the runtime interface client and the watchdog agent are the local runtime's own, from
     *             {@code infra/target/} (where {@code make run} finds them too)
     */
    static Harness start(Path root, Path workDir) throws IOException {
        Path infraTarget = root.resolve("infra").resolve("target");
        Path ric = infraTarget.resolve("ric");
        Path agent = infraTarget.resolve("canopy-local-watchdog.jar");
        for (Path required : List.of(ric, agent)) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: build the local runtime with ./mvnw -pl infra -am package");
            }
        }
        List<Path> ricClasspath;
        try (Stream<Path> jars = Files.list(ric)) {
            ricClasspath = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Path dataDir = workDir.resolve("data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        // Both stores take seconds and share nothing: start them side by side.
        CompletableFuture<PostgresStore> postgres = CompletableFuture.supplyAsync(() -> PostgresStore.start(dataDir.resolve("postgres")));
        CompletableFuture<DynamoDbStore> dynamodb = CompletableFuture.supplyAsync(() -> DynamoDbStore.start(dataDir.resolve("dynamodb")));
        LocalSecrets secrets = LocalSecrets.ensure(dataDir.resolve("secrets"));
        EventBus bus = EventBus.start(List.of(), (name, event) -> {
            throw new IllegalStateException("The benchmark subscribes no function to events");
        }, LocalFunction.ACCOUNT_ID, LocalFunction.REGION, Clock.systemUTC());
        HttpServer jwksServer = LoopbackHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        Harness harness = new Harness(dataDir, postgres.join(), dynamodb.join(), secrets, bus, jwksServer,
                Files.createDirectories(workDir.resolve("tasks")), ricClasspath, agent,
                logs.resolve("functions.log"));
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                byte[] body = harness.jwks;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        jwksServer.start();
        return harness;
    }

    /** The issuer functions see; the harness serves its JWKS. */
    String issuer() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort();
    }

    void publishJwks(byte[] keys) {
        this.jwks = keys.clone();
    }

    PostgresStore postgres() {
        return postgres;
    }

    DynamoDbStore dynamodb() {
        return dynamodb;
    }

    Path functionLogFile() {
        return functionLogFile;
    }

    /** Also given to every function, e.g. the floor's seeded row. */
    void putEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
    }

    /** The floor's seeded PostgreSQL row, for requests without a path parameter. */
    void floorRow(String id) {
        putEnvironment("BENCH_FLOOR_ROW", id);
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresStore.USER, PostgresStore.PASSWORD);
    }

    /** Creates the tables the artifact declares, as the local runtime does at start. */
    void createTables(Path artifact, String label) throws IOException, InterruptedException {
        Optional<byte[]> declared = ArtifactResources.dynamoDbTables(artifact);
        if (declared.isPresent()) {
            new DynamoDbTables(dynamodb.endpoint()).createMissing(declared.get(), label + " " + ArtifactResources.DYNAMODB_TABLES);
        }
    }

    void createTables(byte[] tablesJson, String label) throws IOException, InterruptedException {
        new DynamoDbTables(dynamodb.endpoint()).createMissing(tablesJson, label);
    }

    /**
     * A Lambda function over the target's artifact, with the variant's JVM options and environment. Every call
     * gives a separate function (its own process when invoked); all share the unpacked task root.
     *
     * @param instance distinguishes functions over the same artifact in logs, e.g. {@code identity~seed}
     */
    LocalFunction function(Target target, Variant variant, String instance) throws IOException {
        FunctionSpec artifactSpec = new FunctionSpec(variant.taskRootName(target), variant.artifact(target),
                variant.handler(target), FunctionSpec.DEFAULT_MEMORY_MB, 60);
        Path taskRoot = TaskRoot.prepare(artifactSpec, tasksDir);
        FunctionSpec spec = new FunctionSpec(instance, artifactSpec.artifact(), artifactSpec.handler(),
                artifactSpec.memoryMb(), artifactSpec.timeoutSeconds());
        Map<String, String> environment = new HashMap<>(functionEnvironment());
        environment.putAll(variant.environment());
        if (!variant.jvmOptions().isEmpty()) {
            // How flags are added on Lambda too: the managed runtime passes JAVA_TOOL_OPTIONS to its JVM.
            environment.put("JAVA_TOOL_OPTIONS", String.join(" ", variant.jvmOptions()));
        }
        LaunchSettings launch = new LaunchSettings(variant.java(), ricClasspath, watchdogAgent, environment,
                line -> output(instance, line));
        LocalFunction function = new LocalFunction(spec, taskRoot, launch);
        functions.add(function);
        return function;
    }

    /** The unpacked artifact of a target (its task root, like /var/task). */
    Path taskRoot(Target target, Variant variant) throws IOException {
        FunctionSpec spec = new FunctionSpec(variant.taskRootName(target), variant.artifact(target),
                variant.handler(target), FunctionSpec.DEFAULT_MEMORY_MB, 60);
        return TaskRoot.prepare(spec, tasksDir);
    }

    /** The last lines a function printed, for error messages. */
    String recentOutput(String instance) {
        Deque<String> lines = recentOutput.get(instance);
        if (lines == null) {
            return "(no output)";
        }
        synchronized (lines) {
            return String.join(System.lineSeparator(), lines);
        }
    }

    private void output(String instance, String line) {
        functionLog.println(line);
        Deque<String> lines = recentOutput.computeIfAbsent(instance, name -> new ArrayDeque<>());
        synchronized (lines) {
            lines.addLast(line);
            while (lines.size() > 40) {
                lines.removeFirst();
            }
        }
    }

    /** What the local runtime gives every function (LocalRuntime.functionEnvironment), pointed at the harness. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("CANOPY_ENVIRONMENT", "local");
        env.put("CANOPY_ISSUER", issuer());
        env.put("CANOPY_BASE_URL", issuer());
        env.put("CANOPY_AUDIENCE", AUDIENCE);
        env.put("CANOPY_JWKS_URL", issuer() + "/.well-known/jwks.json");
        env.put("CANOPY_SIGNING_KEY_FILE", secrets.signingKeyFile().toString());
        env.put("CANOPY_MASTER_KEY_FILE", secrets.masterKeyFile().toString());
        env.put("CANOPY_ADMIN_EMAILS", ADMIN_EMAIL);
        env.put("JDBC_URL", postgres.jdbcUrl());
        env.put("JDBC_USER", PostgresStore.USER);
        env.put("JDBC_PASSWORD", PostgresStore.PASSWORD);
        env.put("DYNAMODB_ENDPOINT", dynamodb.endpoint().toString());
        env.put("CANOPY_EVENTS_ENDPOINT", eventBus.endpoint().toString());
        // The run can outlast the default 15 minutes; nothing measured depends on the lifetime.
        env.put("CANOPY_ACCESS_TOKEN_TTL", "12h");
        env.put("BENCH_FLOOR_TABLE", FLOOR_TABLE);
        env.put("BENCH_FLOOR_ITEM", FLOOR_ITEM);
        env.putAll(extraEnvironment);
        return env;
    }

    @Override
    public void close() {
        for (LocalFunction function : functions) {
            function.stop();
        }
        jwksServer.stop(0);
        eventBus.close();
        dynamodb.close();
        postgres.close();
        functionLog.close();
        Directories.deleteOrWarn(dataDir); // the next run starts from empty stores anyway
    }
}
