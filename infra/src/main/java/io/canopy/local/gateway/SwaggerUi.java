package io.canopy.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Swagger UI from the org.webjars:swagger-ui jar on our class path, pointed at {@code /openapi.yaml}. */
final class SwaggerUi {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "map", "application/json");

    // persistAuthorization keeps the token from the OAuth2 password sign-in across reloads. The password flow
    // posts the form to the tokenUrl of the identity function's security scheme, through this gateway.
    private static final String INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "/openapi.yaml",
                dom_id: "#swagger-ui",
                deepLinking: true,
                persistAuthorization: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                layout: "StandaloneLayout",
                oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect.html"
              });
            };
            """;

    private final String root;

    SwaggerUi() {
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            root = "META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version") + "/";
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the swagger-ui webjar", e);
        }
    }

    /** @param asset the path below {@code /docs/}; empty for the page itself */
    Optional<GatewayResponse> serve(String asset) throws IOException {
        String name = asset.isEmpty() ? "index.html" : asset;
        if (name.equals("swagger-initializer.js")) {
            return Optional.of(response(name, INITIALIZER.getBytes(StandardCharsets.UTF_8)));
        }
        if (name.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = resource(root + name)) {
            return in == null ? Optional.empty() : Optional.of(response(name, in.readAllBytes()));
        }
    }

    private static GatewayResponse response(String name, byte[] content) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return new GatewayResponse(200, List.of(
                Map.entry("content-type", TYPES.getOrDefault(extension, "application/octet-stream")),
                Map.entry("cache-control", "no-cache")), content);
    }

    private static InputStream resource(String name) {
        return SwaggerUi.class.getClassLoader().getResourceAsStream(name);
    }
}
