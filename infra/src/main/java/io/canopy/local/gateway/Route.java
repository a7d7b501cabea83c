package io.canopy.local.gateway;

import java.util.List;

/**
 * One HTTP API route: {@code GET /users/{id}} integrated with a function, with or without the JWT authorizer.
 *
 * @param method       an HTTP method, or {@code ANY}
 * @param pathTemplate an OpenAPI / API Gateway path template: literal segments, {@code {name}} and a trailing {@code {name+}}
 */
public record Route(String method, String pathTemplate, String function, boolean jwtProtected) {

    public String routeKey() {
        return method + " " + pathTemplate;
    }

    List<Segment> segments() {
        return Segment.parse(pathTemplate);
    }

    record Segment(Kind kind, String value) {

        enum Kind {
            // Declaration order is API Gateway's preference: a literal beats a variable beats a greedy variable.
            LITERAL, VARIABLE, GREEDY
        }

        static List<Segment> parse(String template) {
            String[] parts = template.substring(template.startsWith("/") ? 1 : 0).split("/", -1);
            return java.util.Arrays.stream(parts).map(part -> {
                if (part.startsWith("{") && part.endsWith("+}")) {
                    return new Segment(Kind.GREEDY, part.substring(1, part.length() - 2));
                } else if (part.startsWith("{") && part.endsWith("}")) {
                    return new Segment(Kind.VARIABLE, part.substring(1, part.length() - 1));
                }
                return new Segment(Kind.LITERAL, part);
            }).toList();
        }
    }
}
