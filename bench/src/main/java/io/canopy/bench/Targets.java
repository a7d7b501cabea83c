package io.canopy.bench;

import io.canopy.local.function.FunctionDiscovery;
import io.canopy.local.function.FunctionSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * THE TABLE: every target the benchmark knows, one entry each. A function joins by adding an entry with its
 * store, a representative read and write route, and how to seed what they need (through its own API, with the
 * tokens of the two users the harness registers). A target whose artifact has not been built is skipped.
 */
final class Targets {

    private Targets() {
    }

    static List<Target> all(Path root) {
        return List.of(
                // ---- the floor: plain RequestHandlers, no framework (bench/src/main/java/io/canopy/bench/floor) ----
                floor(root, "floor-none", Store.NONE, "io.canopy.bench.floor.NoStoreFloorHandler",
                        ctx -> List.of(ctx.read("/floor/time", "/floor/time", ctx.userToken()))),
                floor(root, "floor-postgres", Store.POSTGRES, "io.canopy.bench.floor.PostgresFloorHandler",
                        ctx -> {
                            String id = seedFloorRow(ctx.harness());
                            return List.of(ctx.read("/floor/rows/{id}", "/floor/rows/" + id, ctx.userToken()));
                        }),
                floor(root, "floor-dynamodb", Store.DYNAMODB, "io.canopy.bench.floor.DynamoDbFloorHandler",
                        ctx -> {
                            seedFloorItem(ctx.harness());
                            return List.of(ctx.read("/floor/items/{id}", "/floor/items/" + Harness.FLOOR_ITEM, ctx.userToken()));
                        }),

                // ---- the functions ----
                function(root, "identity", Store.POSTGRES, ctx -> List.of(
                        ctx.read("/users/me", "/users/me", ctx.userToken()),
                        ctx.write("PATCH", "/users/me", n -> "/users/me",
                                n -> "{\"first_name\":\"Bench " + n + "\"}", ctx.userToken(), 200))),
                function(root, "clock", Store.NONE, ctx -> List.of(
                        ctx.read("/time/current", "/time/current", ctx.userToken()))),
                function(root, "carbon", Store.DYNAMODB,
                        ctx -> listAndCreate(ctx, "/usages", "?limit=20", Targets::usage, ctx.userToken())),
                function(root, "kitchen", Store.DYNAMODB,
                        ctx -> listAndCreate(ctx, "/kitchen/schedules", "?limit=20", Targets::schedule, ctx.userToken())),
                function(root, "payments", Store.DYNAMODB, ctx -> {
                    String id = ctx.call("POST", "/payments", "/payments", payment(), ctx.userToken())
                            .expect(201).json().path("payment_id").asText();
                    return List.of(
                            ctx.read("/payments/{id}", "/payments/" + id, ctx.userToken()),
                            ctx.write("POST", "/payments", n -> "/payments", n -> payment(), ctx.userToken(), 201));
                }),
                function(root, "orders", Store.DYNAMODB,
                        ctx -> listAndCreate(ctx, "/orders", "?limit=20", Targets::order, ctx.userToken())),
                // The list is anonymous, as the contract says: no token.
                function(root, "properties", Store.POSTGRES,
                        ctx -> listAndCreate(ctx, "/properties", "?city=benchville&limit=20", Targets::property, null)),
                function(root, "certificates", Store.POSTGRES, ctx -> {
                    for (int i = 0; i < 5; i++) {
                        ctx.call("POST", "/users/{userId}/certificates", "/users/me/certificates", certificate(i),
                                ctx.userToken()).expect(201);
                    }
                    return List.of(
                            ctx.read("/users/{userId}/certificates", "/users/me/certificates", ctx.userToken()),
                            ctx.write("POST", "/users/{userId}/certificates", n -> "/users/me/certificates",
                                    Targets::certificate, ctx.userToken(), 201));
                }));
    }

    /** Twenty items created through the function; then its list is the read and one more create the write. */
    private static List<Route> listAndCreate(SeedContext ctx, String path, String listQuery, IntFunction<String> body,
                                             String readToken) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            ctx.call("POST", path, path, body.apply(i), ctx.userToken()).expect(201);
        }
        return List.of(
                ctx.read(path, path + listQuery, readToken),
                ctx.write("POST", path, n -> path, body, ctx.userToken(), 201));
    }

    /** The artifact the local runtime would run; not built yet, the target directory stands in (and is skipped). */
    private static Target function(Path root, String name, Store store, Target.Seeder seeder) {
        Path artifact = FunctionDiscovery.lambdaJar(root, name)
                .orElse(root.resolve("functions").resolve(name).resolve("target"));
        return new Target(name, store, false, artifact, FunctionSpec.DEFAULT_HANDLER, seeder);
    }

    private static Target floor(Path root, String name, Store store, String handler, Target.Seeder seeder) {
        Path artifact = root.resolve("bench").resolve("target").resolve("canopy-bench-" + name + ".jar");
        return new Target(name, store, true, artifact, handler, seeder);
    }

    // ---- request bodies ----

    static String usage(int n) {
        return "{\"amount\":" + (1 + n % 50) + ".5,\"usage_type_id\":100}";
    }

    static String items(int n) {
        return "[{\"product\":\"Bench tea " + n + "\",\"size\":\"small\",\"quantity\":1},"
                + "{\"product\":\"Bench cake\",\"size\":\"big\",\"quantity\":2}]";
    }

    static String schedule(int n) {
        return "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + items(n) + "}";
    }

    static String payment() {
        return "{\"order_id\":\"" + UUID.randomUUID() + "\"}";
    }

    static String order(int n) {
        return "{\"order\":" + items(n) + "}";
    }

    static String property(int n) {
        return "{\"name\":\"Bench house " + n + "\",\"description\":\"Seeded by the benchmark\",\"type\":\"house\","
                + "\"city\":\"Benchville\",\"rooms\":[{\"name\":\"Kitchen\",\"area_m2\":12.5}]}";
    }

    static String certificate(int n) {
        String key = Base64.getEncoder().encodeToString(("bench private key " + n).getBytes(StandardCharsets.UTF_8));
        return "{\"private_key\":\"" + key + "\",\"body\":\"-----BEGIN CERTIFICATE-----\\nbench " + n
                + "\\n-----END CERTIFICATE-----\",\"active\":true}";
    }

    // ---- floor data, written straight into the stores ----

    private static String seedFloorRow(Harness harness) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = harness.jdbc()) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS bench_floor (id uuid PRIMARY KEY, email text NOT NULL, "
                        + "first_name text, last_name text, created_at timestamptz NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_floor (id, email, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, "floor@canopy.example");
                insert.setString(3, "Floor");
                insert.setString(4, "Handler");
                insert.setObject(5, java.sql.Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
        harness.floorRow(id.toString());
        return id.toString();
    }

    private static void seedFloorItem(Harness harness) throws Exception {
        harness.createTables(("[{\"TableName\":\"" + Harness.FLOOR_TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}]").getBytes(StandardCharsets.UTF_8),
                "bench floor table");
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(harness.dynamodb().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canopylocal", "canopylocal")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.putItem(put -> put.tableName(Harness.FLOOR_TABLE).item(Map.of(
                    "pk", AttributeValue.fromS(Harness.FLOOR_ITEM),
                    "name", AttributeValue.fromS("Floor item"),
                    "amount", AttributeValue.fromN("42.5"))));
        }
    }
}
