package io.canopy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.LocalFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;

/**
 * What a {@link Target.Seeder} works with: the target's own function (a separate instance from the measured one)
 * to seed data through its API, the users' tokens, and the harness's stores for the floors.
 */
public final class SeedContext {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Harness harness;
    private final Target target;
    private final LocalFunction function; // null for floors: they are seeded through the stores
    private final Session session;

    SeedContext(Harness harness, Target target, LocalFunction function, Session session) {
        this.harness = harness;
        this.target = target;
        this.function = function;
        this.session = session;
    }

    /** The two users every run registers: an admin (listed in CANOPY_ADMIN_EMAILS) and a plain user. */
    public record Session(String userId, String userToken, String adminId, String adminToken) {
    }

    /** A response of the target, decoded. */
    public record Response(int status, String body, String etag) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public Response expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("Expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    public String userToken() {
        return session.userToken();
    }

    public String userId() {
        return session.userId();
    }

    public String adminToken() {
        return session.adminToken();
    }

    public String adminId() {
        return session.adminId();
    }

    Harness harness() {
        return harness;
    }

    /** Calls the target through its handler, as the gateway would. */
    public Response call(String method, String template, String path, String body, String token) throws InterruptedException {
        if (function == null) {
            throw new IllegalStateException(target.name() + " is seeded through the stores, not its handler");
        }
        InvocationResult result = function.invoke(Events.build(target.name(), method, template, path, body, token));
        if (!(result instanceof InvocationResult.Success success)) {
            throw new IllegalStateException(target.name() + " " + method + " " + path + " failed: " + result
                    + System.lineSeparator() + harness.recentOutput(function.spec().name()));
        }
        return new Response(Events.statusOf(success.payload()), Events.bodyOf(success.payload()),
                Events.headerOf(success.payload(), "ETag"));
    }

    /** A read: the same event every time. */
    public Route read(String template, String path, String token) {
        byte[] event = Events.build(target.name(), "GET", template, path, null, token);
        return new Route("read", "GET", template, 200, n -> event);
    }

    /** A write: a fresh path and body per invocation number, so each one really writes. */
    public Route write(String method, String template, IntFunction<String> path, IntFunction<String> body,
                       String token, int expectedStatus) {
        return new Route("write", method, template, expectedStatus,
                n -> Events.build(target.name(), method, template, path.apply(n), body == null ? null : body.apply(n), token));
    }
}
