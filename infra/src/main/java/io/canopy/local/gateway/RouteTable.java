package io.canopy.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Selects a route the way an HTTP API does: among the routes whose path template matches, the most specific wins
 * (a literal segment beats {@code {var}}, which beats {@code {proxy+}}), and a route of the request's method
 * beats {@code ANY}.
 *
 * <p>A path that some route owns but no route of that method (or {@code ANY}) matches goes to the owner of the
 * most specific matching template WITHOUT the authorizer, as routeKey {@code ANY <template>}, so the function
 * itself answers 405. In AWS this needs the same {@code ANY} fallback routes (no authorizer) in Terraform.
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        for (Route route : routes) {
            Route clash = byKey.putIfAbsent(route.routeKey(), route);
            if (clash != null && !clash.function().equals(route.function())) {
                throw new IllegalArgumentException("Route " + route.routeKey() + " is declared by both "
                        + clash.function() + " and " + route.function());
            }
        }
        this.routes = List.copyOf(byKey.values());
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<RouteMatch> match(String method, String rawPath) {
        List<String> path = pathSegments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.segments(), path);
            if (parameters != null) {
                candidates.add(new Candidate(route, parameters));
            }
        }
        candidates.sort(Comparator.comparing((Candidate c) -> c.route().segments(), RouteTable::bySpecificity)
                .thenComparing(c -> c.route().method().equals("ANY")));
        for (Candidate candidate : candidates) {
            Route route = candidate.route();
            if (route.method().equalsIgnoreCase(method) || route.method().equals("ANY")) {
                return Optional.of(new RouteMatch(route.function(), route.jwtProtected(), route.routeKey(), candidate.parameters()));
            }
        }
        return candidates.stream().findFirst().map(c -> new RouteMatch(c.route().function(), false,
                "ANY " + c.route().pathTemplate(), c.parameters()));
    }

    private static List<String> pathSegments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return List.of(path.split("/", -1));
    }

    /** @return the path parameters if the template matches, else null */
    private static Map<String, String> bind(List<Route.Segment> template, List<String> path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Route.Segment segment = template.get(i);
            if (segment.kind() == Route.Segment.Kind.GREEDY) {
                if (i >= path.size() || path.subList(i, path.size()).stream().allMatch(String::isEmpty)) {
                    return null;
                }
                parameters.put(segment.value(), decode(String.join("/", path.subList(i, path.size()))));
                return parameters;
            }
            if (i >= path.size()) {
                return null;
            }
            String actual = path.get(i);
            if (segment.kind() == Route.Segment.Kind.LITERAL) {
                if (!segment.value().equals(actual)) {
                    return null;
                }
            } else {
                if (actual.isEmpty()) {
                    return null;
                }
                parameters.put(segment.value(), decode(actual));
            }
        }
        return template.size() == path.size() ? parameters : null;
    }

    private static int bySpecificity(List<Route.Segment> a, List<Route.Segment> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byKind = a.get(i).kind().compareTo(b.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(b.size(), a.size());
    }

    private static String decode(String segment) {
        // Path segments decode %XX only; '+' is a literal plus in a path.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private record Candidate(Route route, Map<String, String> parameters) {
    }
}
