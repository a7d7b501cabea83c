package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.health.HealthController;
import io.canopy.shared.security.Anonymous;
import io.canopy.shared.security.BearerTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.crac.OrderedResource;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SnapStart priming. Lambda runs init once when a version is published and snapshots it; before that checkpoint
 * this sends a few synthetic payload 2.0 requests through the real handler path, so the classes they need are
 * loaded (and partly JIT-compiled) in the snapshot instead of on the first request after each restore:
 * <ol>
 *   <li>{@code GET /health/<group>} (the function's {@link HealthController} route; it reads its stores);</li>
 *   <li>a protected route without a token (401 problem: the bearer filter, problem+json);</li>
 *   <li>a POST with malformed JSON to that protected path (401 too: refused before the body is read);</li>
 *   <li>the bearer-token check, down to the RSA arithmetic, on a made-up token and key
 *   ({@link BearerTokens#primeSignatureCheck()}; 401, its signature cannot match).</li>
 * </ol>
 * It never sends a real token (so never fetches the JWKS) and never reaches a protected controller, so it writes
 * nothing. The database pools are micronaut-crac's own datasource resource's job: it suspends them, closes their
 * connections before the checkpoint and resumes them after restore. A failure is logged and swallowed: a snapshot
 * without priming is still correct.
 * <p>
 * Registered only on a SnapStart init ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, set by Lambda) or with
 * {@code canopy.priming.enabled=true} (tests). Its order is the last one, so Lambda (which notifies in reverse
 * order of registration) primes before any other resource, notably before the datasource resource suspends
 * the pool the health check needs.
 */
@Singleton
@Requires(condition = SnapStartPriming.Enabled.class)
public class SnapStartPriming implements OrderedResource {

    /** Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
    public static final String INITIALIZATION_TYPE_ENV = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String SNAP_START = "snap-start";
    public static final String ENABLED_PROPERTY = "canopy.priming.enabled";

    static final String MALFORMED_JSON = "{\"priming\":";
    static final String SIGNATURE_CHECK = "RS256 signature check (made-up token and key)";
    /** Any value for a path variable: a protected route refuses the request before binding it. */
    private static final String SAMPLE_ID = "00000000-0000-0000-0000-000000000000";
    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final ApplicationContext context;
    private volatile Map<String, Integer> lastRun = Map.of();

    public SnapStartPriming(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> ignored) {
        try {
            long start = System.nanoTime();
            Map<String, Integer> statuses = prime();
            lastRun = statuses;
            LOG.info("SnapStart priming in {} ms: {}", (System.nanoTime() - start) / 1_000_000, statuses);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("SnapStart priming failed; the snapshot is taken without it", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> ignored) {
        // Nothing: the DynamoDB client opens a new connection (SDK retries), micronaut-crac resumes the pools.
    }

    /** Last in the registration order, so Lambda notifies it first. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    /** What each synthetic request answered, by request line, in the order sent (empty before a run). */
    Map<String, Integer> lastRun() {
        return lastRun;
    }

    /** Sends the synthetic requests; returns their statuses by request line. */
    Map<String, Integer> prime() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        // Shares the running context. Never closed: closing it would close that context.
        HttpApiFunction function = new HttpApiFunction(context);
        List<UriRouteInfo<?, ?>> routes = context.getBean(Router.class).uriRoutes().collect(Collectors.toList());
        healthPath(routes).ifPresent(path ->
                send(function, statuses, HttpMethod.GET, path, Map.of("accept", "application/json"), null));
        ProtectedPath.choose(routes).ifPresent(target -> {
            send(function, statuses, target.withoutBody(), target.path(), Map.of("accept", "application/json"), null);
            if (target.bodyMethod() != null) {
                send(function, statuses, target.bodyMethod(), target.path(),
                        Map.of("accept", "application/json", "content-type", "application/json"), MALFORMED_JSON);
            }
        });
        context.findBean(BearerTokens.class).ifPresent(tokens -> {
            tokens.primeSignatureCheck();  // returns only once the RSA check itself refused the token
            statuses.put(SIGNATURE_CHECK, 401);
        });
        return statuses;
    }

    private static void send(HttpApiFunction function, Map<String, Integer> statuses, HttpMethod method,
                             String path, Map<String, String> headers, String body) {
        String line = method + " " + path + (body == null ? "" : " (malformed JSON)");
        Map<String, String> allHeaders = new TreeMap<>(headers);
        allHeaders.put("user-agent", "canopy-snapstart-priming");
        allHeaders.put("x-forwarded-proto", "https");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(allHeaders)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming-" + (statuses.size() + 1))
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method.name())
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent("canopy-snapstart-priming")
                                .build())
                        .build())
                .build();
        // No Lambda context: it would be registered as a bean of the shared context and frozen into the snapshot.
        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
        statuses.put(line, response.getStatusCode());
    }

    private static Optional<String> healthPath(List<UriRouteInfo<?, ?>> routes) {
        return routes.stream()
                .filter(route -> route.getHttpMethod() == HttpMethod.GET)
                .filter(route -> HealthController.class.isAssignableFrom(route.getDeclaringType()))
                .map(route -> concrete(route.getUriMatchTemplate()))
                .findFirst();
    }

    private static String concrete(UriMatchTemplate template) {
        Map<String, Object> values = new LinkedHashMap<>();
        template.getVariableNames().forEach(name -> values.put(name, SAMPLE_ID));
        return values.isEmpty() ? template.toPathString() : template.expand(values);
    }

    /** Routes that need a token: not {@code @Anonymous} (on the method or its controller), not health. */
    static boolean isProtected(UriRouteInfo<?, ?> route) {
        return !route.getAnnotationMetadata().hasAnnotation(Anonymous.class)
                && !HealthController.class.isAssignableFrom(route.getDeclaringType());
    }

    /**
     * One protected path: preferably one that takes a body (for the malformed-JSON request), then the fewest path
     * variables, then the shortest. Sent once without a body (GET if the path has one) and once with malformed JSON.
     */
    record ProtectedPath(String path, HttpMethod withoutBody, HttpMethod bodyMethod) {

        static Optional<ProtectedPath> choose(List<UriRouteInfo<?, ?>> routes) {
            Map<UriMatchTemplate, List<HttpMethod>> byTemplate = new LinkedHashMap<>();
            routes.stream().filter(SnapStartPriming::isProtected).forEach(route ->
                    byTemplate.computeIfAbsent(route.getUriMatchTemplate(), t -> new ArrayList<>()).add(route.getHttpMethod()));
            return byTemplate.entrySet().stream()
                    .min(Comparator.<Map.Entry<UriMatchTemplate, List<HttpMethod>>>comparingInt(
                                    entry -> entry.getValue().stream().anyMatch(BODY_METHODS::contains) ? 0 : 1)
                            .thenComparingInt(entry -> entry.getKey().getVariableNames().size())
                            .thenComparingInt(entry -> entry.getKey().toString().length())
                            .thenComparing(entry -> entry.getKey().toString()))
                    .map(entry -> {
                        List<HttpMethod> methods = entry.getValue();
                        HttpMethod bodyMethod = methods.contains(HttpMethod.POST) ? HttpMethod.POST
                                : methods.stream().filter(BODY_METHODS::contains).findFirst().orElse(null);
                        HttpMethod withoutBody = methods.contains(HttpMethod.GET) ? HttpMethod.GET : methods.get(0);
                        return new ProtectedPath(concrete(entry.getKey()), withoutBody, bodyMethod);
                    });
        }
    }

    /** On a SnapStart init, or when {@code canopy.priming.enabled=true}. */
    public static final class Enabled implements Condition {

        @Override
        public boolean matches(ConditionContext context) {
            return SNAP_START.equals(System.getenv(INITIALIZATION_TYPE_ENV))
                    || context.getProperty(ENABLED_PROPERTY, Boolean.class).orElse(false);
        }
    }
}
