package io.canopy.acceptance;

import io.canopy.acceptance.Deployment.User;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The expected status of every route for each kind of caller, as the contract (../shared/ARCHITECTURE.md) says.
 * One row per route; the fixture prepares a fresh resource of the owner and the request the actor sends.
 */
final class AuthorizationTable {

    enum Actor { ANONYMOUS, OTHER_USER, OWNER, ADMIN }

    /** Statuses for anonymous, another user, the owner and an admin. */
    record Expect(int anonymous, int otherUser, int owner, int admin) {
        int of(Actor actor) {
            return switch (actor) {
                case ANONYMOUS -> anonymous;
                case OTHER_USER -> otherUser;
                case OWNER -> owner;
                case ADMIN -> admin;
            };
        }
    }

    /** The request an actor sends: path with ids filled in, JSON body or null, extra header name/value pairs. */
    record Call(String path, String body, String... headers) {
    }

    @FunctionalInterface
    interface Fixture {
        /** Creates what the owner needs (through the API) and returns the call; {@code actor} is null when anonymous. */
        Call prepare(Deployment deployment, User owner, User actor);
    }

    /** @param deletesActor the call deletes the acting account (so the admin cell uses a disposable admin) */
    record Row(String method, String pathTemplate, Fixture fixture, Expect expected, boolean deletesActor) {
        String routeKey() {
            return method + " " + pathTemplate;
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    static {
        identity();
        clock();
        carbon();
        properties();
        certificates();
        coffee();
    }

    private AuthorizationTable() {
    }

    static List<Row> rows() {
        return List.copyOf(ROWS);
    }

    static Row row(String routeKey) {
        return ROWS.stream().filter(row -> row.routeKey().equals(routeKey)).findFirst().orElse(null);
    }

    // --- identity -----------------------------------------------------------------------------------------------

    private static void identity() {
        Expect anyone200 = new Expect(200, 200, 200, 200);
        Expect signedIn200 = new Expect(401, 200, 200, 200);
        row("POST", "/auth/register", (d, owner, actor) -> new Call("/auth/register",
                "{\"email\":\"matrix-" + UUID.randomUUID() + "@example.com\",\"password\":\"" + Deployment.PASSWORD + "\"}"),
                new Expect(201, 201, 201, 201));
        row("POST", "/auth/token", (d, owner, actor) -> new Call("/auth/token",
                "{\"email\":\"" + owner.email() + "\",\"password\":\"" + Deployment.PASSWORD + "\"}"), anyone200);
        row("POST", "/auth/refresh", (d, owner, actor) -> new Call("/auth/refresh",
                "{\"refresh_token\":\"" + owner.refreshToken() + "\"}"), anyone200);
        row("GET", "/auth/valid", (d, owner, actor) -> new Call("/auth/valid?resource=time", null), signedIn200);
        row("GET", "/.well-known/openid-configuration", (d, owner, actor) -> new Call("/.well-known/openid-configuration", null), anyone200);
        row("GET", "/.well-known/jwks.json", (d, owner, actor) -> new Call("/.well-known/jwks.json", null), anyone200);
        row("GET", "/users/me", (d, owner, actor) -> new Call("/users/me", null), signedIn200);
        row("PATCH", "/users/me", (d, owner, actor) -> new Call("/users/me", "{\"last_name\":\"Lovelace\"}"), signedIn200);
        row("PUT", "/users/me/password", (d, owner, actor) -> new Call("/users/me/password",
                "{\"current_password\":\"" + passwordOf(actor) + "\",\"new_password\":\"" + passwordOf(actor) + "\"}"),
                new Expect(401, 204, 204, 204));
        ROWS.add(new Row("DELETE", "/users/me", (d, owner, actor) -> new Call("/users/me", null),
                new Expect(401, 204, 204, 204), true));
        row("GET", "/users/{id}", (d, owner, actor) -> new Call("/users/" + owner.id(), null), new Expect(401, 404, 200, 200));
        row("GET", "/users", (d, owner, actor) -> new Call("/users?limit=5", null), new Expect(401, 403, 403, 200));
        row("PATCH", "/users/{id}", (d, owner, actor) -> new Call("/users/" + owner.id(), "{\"permissions\":[\"time\"]}"),
                new Expect(401, 403, 403, 200));
        row("GET", "/health/identity", (d, owner, actor) -> new Call("/health/identity", null), anyone200);
    }

    private static String passwordOf(User actor) {
        return actor != null && actor.email().contains("root@canopy.example") ? SharedRuntime.ADMIN_PASSWORD : Deployment.PASSWORD;
    }

    // --- clock --------------------------------------------------------------------------------------------------

    private static void clock() {
        Expect signedIn200 = new Expect(401, 200, 200, 200);
        row("GET", "/time/current", (d, owner, actor) -> new Call("/time/current", null), signedIn200);
        row("GET", "/time/epoch", (d, owner, actor) -> new Call("/time/epoch", null), signedIn200);
        row("GET", "/health/clock", (d, owner, actor) -> new Call("/health/clock", null), new Expect(200, 200, 200, 200));
    }

    // --- carbon -------------------------------------------------------------------------------------------------

    private static void carbon() {
        Expect ownerOnly = new Expect(401, 404, 200, 404);
        Expect adminOnly = new Expect(401, 403, 403, 200);
        row("GET", "/usage-types", (d, owner, actor) -> new Call("/usage-types", null), new Expect(200, 200, 200, 200));
        row("POST", "/usage-types", (d, owner, actor) -> new Call("/usage-types",
                "{\"id\":" + freshTypeId() + ",\"name\":\"matrix\",\"unit\":\"kg\",\"factor\":1}"), new Expect(401, 403, 403, 201));
        row("PUT", "/usage-types/{id}", (d, owner, actor) -> new Call("/usage-types/" + freshTypeId(),
                "{\"name\":\"matrix\",\"unit\":\"kg\",\"factor\":1}"), adminOnly);
        row("DELETE", "/usage-types/{id}", (d, owner, actor) -> new Call("/usage-types/" + createdType(d), null),
                new Expect(401, 403, 403, 204));
        row("POST", "/usages", (d, owner, actor) -> new Call("/usages", "{\"amount\":1,\"usage_type_id\":100}"),
                new Expect(401, 201, 201, 201));
        row("GET", "/usages", (d, owner, actor) -> new Call("/usages", null), new Expect(401, 200, 200, 200));
        row("GET", "/usages/summary", (d, owner, actor) -> new Call("/usages/summary", null), new Expect(401, 200, 200, 200));
        row("GET", "/usages/{id}", (d, owner, actor) -> new Call("/usages/" + usageOf(d, owner), null), ownerOnly);
        row("PATCH", "/usages/{id}", (d, owner, actor) -> new Call("/usages/" + usageOf(d, owner), "{\"amount\":2}"), ownerOnly);
        row("DELETE", "/usages/{id}", (d, owner, actor) -> new Call("/usages/" + usageOf(d, owner), null),
                new Expect(401, 404, 204, 404));
        row("GET", "/health/carbon", (d, owner, actor) -> new Call("/health/carbon", null), new Expect(200, 200, 200, 200));
    }

    // --- properties ---------------------------------------------------------------------------------------------

    private static void properties() {
        Expect anyone = new Expect(200, 200, 200, 200);
        Expect ownerOrAdmin = new Expect(401, 403, 200, 200);
        row("GET", "/property-types", (d, owner, actor) -> new Call("/property-types", null), anyone);
        row("POST", "/property-types", (d, owner, actor) -> new Call("/property-types",
                "{\"slug\":\"matrix-" + freshTypeId() + "\",\"name\":\"Matrix\"}"), new Expect(401, 403, 403, 201));
        row("PUT", "/property-types/{slug}", (d, owner, actor) -> new Call("/property-types/matrix-" + freshTypeId(),
                "{\"name\":\"Matrix\"}"), new Expect(401, 403, 403, 200));
        row("DELETE", "/property-types/{slug}", (d, owner, actor) -> new Call("/property-types/" + createdPropertyType(d), null),
                new Expect(401, 403, 403, 204));
        row("GET", "/properties", (d, owner, actor) -> new Call("/properties?city=Paris", null), anyone);
        row("POST", "/properties", (d, owner, actor) -> new Call("/properties",
                "{\"name\":\"Matrix\",\"type\":\"house\",\"city\":\"Paris\"}"), new Expect(401, 201, 201, 201));
        row("GET", "/properties/{id}", (d, owner, actor) -> new Call("/properties/" + propertyOf(d, owner), null), anyone);
        row("PATCH", "/properties/{id}", (d, owner, actor) -> new Call("/properties/" + propertyOf(d, owner), "{\"name\":\"Changed\"}"),
                ownerOrAdmin);
        row("DELETE", "/properties/{id}", (d, owner, actor) -> new Call("/properties/" + propertyOf(d, owner), null),
                new Expect(401, 403, 204, 204));
        row("POST", "/properties/{id}/rooms", (d, owner, actor) -> new Call("/properties/" + propertyOf(d, owner) + "/rooms",
                "{\"name\":\"Hall\"}"), new Expect(401, 403, 201, 201));
        row("PATCH", "/properties/{id}/rooms/{roomId}", (d, owner, actor) -> new Call(roomOf(d, owner), "{\"name\":\"Study\"}"),
                ownerOrAdmin);
        row("DELETE", "/properties/{id}/rooms/{roomId}", (d, owner, actor) -> new Call(roomOf(d, owner), null),
                new Expect(401, 403, 204, 204));
        row("GET", "/health/properties", (d, owner, actor) -> new Call("/health/properties", null), anyone);
    }

    // --- certificates -------------------------------------------------------------------------------------------

    static final String CERTIFICATE = "{\"private_key\":\"c2VjcmV0LWtleS1mb3ItdGhlLW1hdHJpeA==\",\"body\":\"-----BEGIN CERTIFICATE-----\",\"active\":true}";

    private static void certificates() {
        // The owner's own path; another user and anonymous use the owner's id; an admin may act for any user.
        Expect ownerOrAdmin = new Expect(401, 404, 200, 200);
        row("POST", "/users/{userId}/certificates", (d, owner, actor) -> new Call("/users/" + owner.id() + "/certificates", CERTIFICATE),
                new Expect(401, 404, 201, 201));
        row("GET", "/users/{userId}/certificates", (d, owner, actor) -> new Call("/users/" + owner.id() + "/certificates", null), ownerOrAdmin);
        row("GET", "/users/{userId}/certificates/{id}", (d, owner, actor) -> new Call(certificateOf(d, owner), null), ownerOrAdmin);
        row("PATCH", "/users/{userId}/certificates/{id}/active", (d, owner, actor) -> new Call(certificateOf(d, owner) + "/active",
                "{\"active\":false}"), ownerOrAdmin);
        row("DELETE", "/users/{userId}/certificates/{id}", (d, owner, actor) -> new Call(certificateOf(d, owner), null),
                new Expect(401, 404, 204, 204));
        row("GET", "/users/{userId}/certificates/{id}/private-key", (d, owner, actor) -> new Call(certificateOf(d, owner) + "/private-key", null),
                ownerOrAdmin);
        row("GET", "/health/certificates", (d, owner, actor) -> new Call("/health/certificates", null), new Expect(200, 200, 200, 200));
    }

    // --- orders, kitchen, payments -------------------------------------------------------------------------------

    static final String ITEMS = "[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1}]";

    private static void coffee() {
        Expect anyone = new Expect(200, 200, 200, 200);
        Expect created = new Expect(401, 201, 201, 201);
        Expect listed = new Expect(401, 200, 200, 200);
        Expect ownerOnly = new Expect(401, 404, 200, 404);
        Expect ownerDeletes = new Expect(401, 404, 204, 404);
        row("POST", "/orders", (d, owner, actor) -> new Call("/orders", "{\"order\":" + ITEMS + "}"), created);
        row("GET", "/orders", (d, owner, actor) -> new Call("/orders", null), listed);
        row("GET", "/orders/{id}", (d, owner, actor) -> new Call("/orders/" + orderOf(d, owner), null), ownerOnly);
        row("PUT", "/orders/{id}", (d, owner, actor) -> new Call("/orders/" + orderOf(d, owner), "{\"order\":" + ITEMS + "}"), ownerOnly);
        row("DELETE", "/orders/{id}", (d, owner, actor) -> new Call("/orders/" + orderOf(d, owner), null), ownerDeletes);
        row("POST", "/orders/{id}/pay", (d, owner, actor) -> new Call("/orders/" + orderOf(d, owner) + "/pay", null), ownerOnly);
        row("POST", "/orders/{id}/cancel", (d, owner, actor) -> new Call("/orders/" + orderOf(d, owner) + "/cancel", null), ownerOnly);
        row("GET", "/health/orders", (d, owner, actor) -> new Call("/health/orders", null), anyone);
        row("POST", "/kitchen/schedules", (d, owner, actor) -> new Call("/kitchen/schedules",
                "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + ITEMS + "}"), created);
        row("GET", "/kitchen/schedules", (d, owner, actor) -> new Call("/kitchen/schedules", null), listed);
        row("GET", "/kitchen/schedules/{id}", (d, owner, actor) -> new Call("/kitchen/schedules/" + scheduleOf(d, owner), null), ownerOnly);
        row("GET", "/kitchen/schedules/{id}/status", (d, owner, actor) -> new Call("/kitchen/schedules/" + scheduleOf(d, owner) + "/status", null), ownerOnly);
        row("PUT", "/kitchen/schedules/{id}", (d, owner, actor) -> new Call("/kitchen/schedules/" + scheduleOf(d, owner),
                "{\"order\":" + ITEMS + "}"), ownerOnly);
        row("DELETE", "/kitchen/schedules/{id}", (d, owner, actor) -> new Call("/kitchen/schedules/" + scheduleOf(d, owner), null), ownerDeletes);
        row("POST", "/kitchen/schedules/{id}/cancel", (d, owner, actor) -> new Call("/kitchen/schedules/" + scheduleOf(d, owner) + "/cancel", null), ownerOnly);
        row("GET", "/health/kitchen", (d, owner, actor) -> new Call("/health/kitchen", null), anyone);
        row("POST", "/payments", (d, owner, actor) -> new Call("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}"), created);
        row("GET", "/payments/{id}", (d, owner, actor) -> new Call("/payments/" + paymentOf(d, owner), null), ownerOnly);
        row("GET", "/health/payments", (d, owner, actor) -> new Call("/health/payments", null), anyone);
    }

    private static String orderOf(Deployment d, User owner) {
        var created = d.api().postJson("/orders", "{\"order\":" + ITEMS + "}", owner.token());
        require(created, 201);
        return Deployment.json(created).get("id").asText();
    }

    private static String scheduleOf(Deployment d, User owner) {
        var created = d.api().postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + ITEMS + "}", owner.token());
        require(created, 201);
        return Deployment.json(created).get("id").asText();
    }

    private static String paymentOf(Deployment d, User owner) {
        var created = d.api().postJson("/payments", "{\"order_id\":\"" + UUID.randomUUID() + "\"}", owner.token());
        require(created, 201);
        return Deployment.json(created).get("payment_id").asText();
    }

    /** The path of a new certificate of the owner. */
    private static String certificateOf(Deployment d, User owner) {
        var created = d.api().postJson("/users/me/certificates", CERTIFICATE, owner.token());
        require(created, 201);
        return "/users/" + owner.id() + "/certificates/" + Deployment.json(created).get("id").asText();
    }

    private static String createdPropertyType(Deployment d) {
        String slug = "matrix-" + freshTypeId();
        require(d.api().postJson("/property-types", "{\"slug\":\"" + slug + "\",\"name\":\"Matrix\"}", d.admin().token()), 201);
        return slug;
    }

    private static String propertyOf(Deployment d, User owner) {
        var created = d.api().postJson("/properties", "{\"name\":\"Matrix\",\"type\":\"house\",\"city\":\"Paris\"}", owner.token());
        require(created, 201);
        return Deployment.json(created).get("id").asText();
    }

    /** The path of a new room of a new property of the owner. */
    private static String roomOf(Deployment d, User owner) {
        String property = propertyOf(d, owner);
        var room = d.api().postJson("/properties/" + property + "/rooms", "{\"name\":\"Hall\"}", owner.token());
        require(room, 201);
        return "/properties/" + property + "/rooms/" + Deployment.json(room).get("id").asText();
    }

    private static final java.util.concurrent.atomic.AtomicLong TYPE_IDS = new java.util.concurrent.atomic.AtomicLong(
            100_000 + (System.nanoTime() & 0xffff) * 1000);

    private static long freshTypeId() {
        return TYPE_IDS.incrementAndGet();
    }

    private static long createdType(Deployment d) {
        long id = freshTypeId();
        var created = d.api().postJson("/usage-types", "{\"id\":" + id + ",\"name\":\"matrix\",\"unit\":\"kg\",\"factor\":1}",
                d.admin().token());
        require(created, 201);
        return id;
    }

    private static String usageOf(Deployment d, User owner) {
        var created = d.api().postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", owner.token());
        require(created, 201);
        return Deployment.json(created).get("id").asText();
    }

    private static void require(java.net.http.HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("fixture failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static void row(String method, String pathTemplate, Fixture fixture, Expect expected) {
        ROWS.add(new Row(method, pathTemplate, fixture, expected, false));
    }
}
