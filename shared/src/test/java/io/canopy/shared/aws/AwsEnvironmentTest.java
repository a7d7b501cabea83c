package io.canopy.shared.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The credentials a SnapStart function gets: no keys in its environment, a container credentials endpoint instead. */
class AwsEnvironmentTest {

    @Test
    void lambdaCredentials_comeFromTheContainerEndpoint_whenTheEnvironmentHasNoKeys() throws Exception {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this machine has AWS keys in its environment");
        // GIVEN Lambda's container endpoint (the SDK reads its URI and token from these, as from
        // AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN)
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2018-06-01/credentials", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", "lambda-authorization-token");
        try {
            // WHEN the provider every AWS call uses resolves credentials
            AwsCredentials credentials = AwsEnvironment.lambdaCredentials().resolveCredentials();

            // THEN they are the endpoint's session credentials, asked for with Lambda's token
            AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
            assertEquals("ASIACONTAINER", session.accessKeyId());
            assertEquals("container-session", session.sessionToken());
            assertEquals(List.of("lambda-authorization-token"), authorizations);
            // one provider for every client and secret read of the function: the endpoint is asked once
            AwsEnvironment.credentialsFor("").resolveCredentials();
            assertEquals(1, authorizations.size());
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
    }
}
