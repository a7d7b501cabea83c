package io.canopy.local;

import io.canopy.local.events.EventBus;
import io.canopy.local.events.Subscription;
import io.canopy.local.function.ArtifactResources;
import io.canopy.local.function.FunctionDiscovery;
import io.canopy.local.function.FunctionSpec;
import io.canopy.local.function.TaskRoot;
import io.canopy.local.gateway.GatewayServer;
import io.canopy.local.gateway.JwksKeys;
import io.canopy.local.gateway.JwtAuthorizer;
import io.canopy.local.gateway.OpenApiDocuments;
import io.canopy.local.gateway.OpenApiDocuments.FunctionDocument;
import io.canopy.local.gateway.PayloadV2Events;
import io.canopy.local.gateway.Route;
import io.canopy.local.gateway.RouteTable;
import io.canopy.local.lambda.LaunchSettings;
import io.canopy.local.lambda.LocalFunction;
import io.canopy.local.secrets.LocalSecrets;
import io.canopy.stores.DynamoDbStore;
import io.canopy.stores.DynamoDbTables;
import io.canopy.stores.PostgresStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * API Gateway (HTTP API) + Lambda on a laptop, without Docker: embedded PostgreSQL and DynamoDB Local, one JVM per
 * function running the Lambda runtime interface client over the deployed artifact, and a gateway in front.
 *
 * <p>Run it with {@code java -jar infra/target/canopy-local.jar} ({@code make run}); embed it in tests with
 * {@link #start(LocalRuntimeConfig)}.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);
    private static final long STORE_START_TIMEOUT_SECONDS = 120;

    private final URI baseUri;
    private final String issuer;
    private final LocalRuntimeConfig config;
    private final PostgresStore postgres;
    private final DynamoDbStore dynamodb;
    private final LocalSecrets secrets;
    private final Map<String, LocalFunction> functions;
    private final List<Route> routes;
    private final GatewayServer gateway;
    private final EventBus eventBus;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalRuntime(URI baseUri, String issuer, LocalRuntimeConfig config, PostgresStore postgres,
                         DynamoDbStore dynamodb, LocalSecrets secrets, Map<String, LocalFunction> functions,
                         List<Route> routes, GatewayServer gateway, EventBus eventBus) {
        this.baseUri = baseUri;
        this.issuer = issuer;
        this.config = config;
        this.postgres = postgres;
        this.dynamodb = dynamodb;
        this.secrets = secrets;
        this.functions = functions;
        this.routes = routes;
        this.gateway = gateway;
        this.eventBus = eventBus;
    }

    public static void main(String[] args) {
        LocalRuntimeConfig config;
        try {
            config = CommandLine.parse(args, System.getenv(), Path.of(""));
        } catch (CommandLine.HelpRequested help) {
            System.out.println(CommandLine.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        long startNanos = System.nanoTime();
        LocalRuntime runtime;
        try {
            runtime = start(config);
        } catch (GatewayServer.PortInUseException | FunctionDiscovery.NoFunctionsException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            log.error("The local runtime did not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "canopy-shutdown"));
        runtime.printBanner((System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * Starts everything and returns once the gateway serves requests. Function processes start later, on their
     * first request.
     *
     * @throws GatewayServer.PortInUseException       if the port is taken (before anything else starts)
     * @throws FunctionDiscovery.NoFunctionsException if no function has been packaged
     */
    public static LocalRuntime start(LocalRuntimeConfig config) throws IOException {
        List<FunctionSpec> specs = FunctionDiscovery.discover(config.projectRoot()).stream()
                .map(spec -> config.handlers().containsKey(spec.name()) ? spec.withHandler(config.handlers().get(spec.name())) : spec)
                .toList();
        Installation installation = Installation.locate();
        GatewayServer gateway = GatewayServer.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        List<AutoCloseable> started = new ArrayList<>(List.of(gateway));
        ExecutorService startup = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "canopy-startup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            int port = gateway.port();
            URI baseUri = URI.create("http://" + publicHost(config.bindAddress()) + ":" + port);
            String issuer = Optional.ofNullable(config.issuer()).orElse("http://localhost:" + port);
            Path dataDir = config.dataDir();

            // The stores take seconds each and share nothing: start them side by side, and unpack while they boot.
            Future<PostgresStore> postgresStart = startup.submit(() -> PostgresStore.start(dataDir.resolve("postgres")));
            Future<DynamoDbStore> dynamoStart = startup.submit(() -> DynamoDbStore.start(dataDir.resolve("dynamodb")));
            Future<Map<String, Path>> taskRootsReady = startup.submit(() -> unpack(specs, dataDir.resolve("tasks")));
            started.add(() -> stopWhenStarted(postgresStart));
            started.add(() -> stopWhenStarted(dynamoStart));

            LocalSecrets secrets = LocalSecrets.ensure(dataDir.resolve("secrets"));
            List<FunctionDocument> documents = openApiDocuments(specs);
            RouteTable routeTable = new RouteTable(OpenApiDocuments.routes(documents));
            byte[] openApi = OpenApiDocuments.toYaml(OpenApiDocuments.merge(documents, issuer));

            DynamoDbStore dynamodb = await(dynamoStart);
            createTables(specs, dynamodb);
            PostgresStore postgres = await(postgresStart);
            Map<String, Path> taskRoots = await(taskRootsReady);

            Clock clock = Clock.systemUTC();
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            List<Subscription> subscriptions = subscriptions(specs);
            EventBus eventBus = EventBus.start(subscriptions, (name, event) -> functions.get(name).invoke(event),
                    LocalFunction.ACCOUNT_ID, LocalFunction.REGION, clock);
            started.add(eventBus);

            LaunchSettings launch = new LaunchSettings(Path.of(System.getProperty("java.home"), "bin", "java"),
                    installation.ricClasspath(), installation.watchdogAgent(),
                    functionEnvironment(config, issuer, postgres, dynamodb, secrets, eventBus), System.out::println);
            for (FunctionSpec spec : specs) {
                LocalFunction function = new LocalFunction(spec, taskRoots.get(spec.name()), launch);
                functions.put(spec.name(), function);
                started.add(function);
            }
            // Event handlers are functions of their own over the same artifact, as in Terraform.
            for (Subscription subscription : subscriptions) {
                FunctionSpec group = specs.stream().filter(spec -> spec.name().equals(subscription.group())).findFirst().orElseThrow();
                FunctionSpec spec = new FunctionSpec(subscription.functionName(), group.artifact(), subscription.handler(),
                        group.memoryMb(), group.timeoutSeconds());
                LocalFunction function = new LocalFunction(spec, taskRoots.get(group.name()), launch);
                functions.put(spec.name(), function);
                started.add(function);
            }

            gateway.start(routeTable, openApi,
                    new JwtAuthorizer(issuer, config.audience(), new JwksKeys(URI.create(issuer), clock), clock),
                    new PayloadV2Events(LocalFunction.ACCOUNT_ID, "local"),
                    (name, event) -> functions.get(name).invoke(event));
            return new LocalRuntime(baseUri, issuer, config, postgres, dynamodb, secrets,
                    Collections.unmodifiableMap(functions), routeTable.routes(), gateway, eventBus);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        } finally {
            startup.shutdown();
        }
    }

    /** The gateway, e.g. {@code http://localhost:8080}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The token issuer and public base URL functions see as {@code CANOPY_ISSUER}. */
    public String issuer() {
        return issuer;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public URI dynamoDbEndpoint() {
        return dynamodb.endpoint();
    }

    /** Stop and start it to simulate a database outage; data and port are kept. */
    public PostgresStore postgres() {
        return postgres;
    }

    /** Stop and start it to simulate a DynamoDB outage; data and port are kept. */
    public DynamoDbStore dynamodb() {
        return dynamodb;
    }

    public LocalSecrets secrets() {
        return secrets;
    }

    /** Every function: one per endpoint group, plus one per event subscription ({@code carbon-user-deleted}). */
    public Map<String, LocalFunction> functions() {
        return functions;
    }

    /** The local EventBridge: identity's {@code UserDeleted} events go through it. */
    public EventBus eventBus() {
        return eventBus;
    }

    public List<Route> routes() {
        return routes;
    }

    /** Stops the gateway, every function process, DynamoDB Local and PostgreSQL, in that order. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(gateway);
        parts.add(eventBus);
        parts.addAll(functions.values());
        parts.add(dynamodb);
        parts.add(postgres);
        closeAll(parts);
        log.info("Canopy local runtime stopped");
    }

    private void printBanner(long startMillis) {
        List<String> eventFunctions = eventBus.subscriptions().stream().map(Subscription::functionName).toList();
        String functionList = functions.keySet().stream()
                .filter(name -> !eventFunctions.contains(name))
                .map(name -> name + " (" + routes.stream().filter(r -> r.function().equals(name)).count() + " routes)")
                .collect(Collectors.joining(", "));
        String eventList = eventBus.subscriptions().stream()
                .map(subscription -> subscription.functionName() + " <- " + subscription.source() + " " + subscription.detailType())
                .collect(Collectors.joining(", "));
        System.out.println(String.join(System.lineSeparator(),
                "",
                "Canopy local runtime ready in " + startMillis + " ms",
                "  API             " + baseUri,
                "  Swagger UI      " + baseUri + "/docs",
                "  OpenAPI         " + baseUri + "/openapi.yaml",
                "  Issuer          " + issuer + " (audience " + config.audience() + ")",
                "  Functions       " + functionList + " - each starts on its first request",
                "  Event handlers  " + (eventList.isEmpty() ? "none" : eventList) + " (local EventBridge " + eventBus.endpoint() + ")",
                "  PostgreSQL      " + postgres.jdbcUrl() + " (user " + PostgresStore.USER + ")",
                "  DynamoDB Local  " + dynamodb.endpoint(),
                "  Data            " + config.dataDir(),
                "Press Ctrl-C to stop.",
                ""));
    }

    private static Map<String, String> functionEnvironment(LocalRuntimeConfig config, String issuer,
                                                           PostgresStore postgres, DynamoDbStore dynamodb,
                                                           LocalSecrets secrets, EventBus eventBus) {
        Map<String, String> env = new HashMap<>();
        config.passThrough().forEach((name, value) -> {
            if (name.startsWith("CANOPY_")) {
                env.put(name, value);
            }
        });
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("CANOPY_ENVIRONMENT", "local");
        env.put("CANOPY_ISSUER", issuer);
        env.put("CANOPY_BASE_URL", issuer);
        env.put("CANOPY_AUDIENCE", config.audience());
        env.put("CANOPY_JWKS_URL", issuer + "/.well-known/jwks.json");
        env.put("CANOPY_SIGNING_KEY_FILE", secrets.signingKeyFile().toString());
        env.put("CANOPY_MASTER_KEY_FILE", secrets.masterKeyFile().toString());
        if (config.adminEmails() != null) {
            env.put("CANOPY_ADMIN_EMAILS", config.adminEmails());
        }
        env.put("JDBC_URL", postgres.jdbcUrl());
        env.put("JDBC_USER", PostgresStore.USER);
        env.put("JDBC_PASSWORD", PostgresStore.PASSWORD);
        env.put("DYNAMODB_ENDPOINT", dynamodb.endpoint().toString());
        env.put("CANOPY_EVENTS_ENDPOINT", eventBus.endpoint().toString());
        return env;
    }

    private static Map<String, Path> unpack(List<FunctionSpec> specs, Path tasksDir) throws IOException {
        Map<String, Path> roots = new HashMap<>();
        for (FunctionSpec spec : specs) {
            roots.put(spec.name(), TaskRoot.prepare(spec, tasksDir));
        }
        return roots;
    }

    private static List<Subscription> subscriptions(List<FunctionSpec> specs) throws IOException {
        List<Subscription> subscriptions = new ArrayList<>();
        for (FunctionSpec spec : specs) {
            Optional<byte[]> declared = ArtifactResources.eventSubscriptions(spec.artifact());
            if (declared.isPresent()) {
                subscriptions.addAll(Subscription.parse(spec.name(), declared.get()));
            }
        }
        return subscriptions;
    }

    private static List<FunctionDocument> openApiDocuments(List<FunctionSpec> specs) throws IOException {
        List<FunctionDocument> documents = new ArrayList<>();
        for (FunctionSpec spec : specs) {
            List<byte[]> yamls = ArtifactResources.openApiDocuments(spec.artifact());
            if (yamls.isEmpty()) {
                log.warn("{} has no META-INF/swagger/*.yml: the gateway has no routes to it", spec.artifact());
            }
            for (byte[] yaml : yamls) {
                documents.add(FunctionDocument.parse(spec.name(), yaml));
            }
        }
        return documents;
    }

    private static void createTables(List<FunctionSpec> specs, DynamoDbStore dynamodb) throws IOException {
        DynamoDbTables tables = new DynamoDbTables(dynamodb.endpoint());
        for (FunctionSpec spec : specs) {
            Optional<byte[]> declared = ArtifactResources.dynamoDbTables(spec.artifact());
            if (declared.isPresent()) {
                try {
                    tables.createMissing(declared.get(), spec.name() + " " + ArtifactResources.DYNAMODB_TABLES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while creating tables", e);
                }
            }
        }
    }

    /** After a failed start: a store that is still booting is stopped once it is up. */
    private static void stopWhenStarted(Future<? extends AutoCloseable> store) throws Exception {
        try {
            store.get(STORE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
        } catch (ExecutionException e) {
            // It failed to start: nothing to stop.
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get(STORE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("A store did not start within " + STORE_START_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during start", e);
        }
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static String publicHost(String bindAddress) {
        return bindAddress.equals("127.0.0.1") || bindAddress.equals("0.0.0.0") || bindAddress.equals("::")
                ? "localhost" : bindAddress;
    }
}
