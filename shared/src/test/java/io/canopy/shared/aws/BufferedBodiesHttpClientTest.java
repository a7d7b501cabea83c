package io.canopy.shared.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What reaches the server when the SDK's request goes through the buffering wrapper, over two kept-alive calls. */
class BufferedBodiesHttpClientTest {

    @Test
    void request_arrivesWhole_withItsContentLength_andNotChunked() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + exchange.getRequestHeaders().getFirst("Transfer-Encoding") + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        byte[] body = "{\"TableName\":\"usages\",\"Key\":{\"id\":{\"S\":\"é\"}}}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .build();
        // What the SDK's client is handed: without Content-Length it leaves the body to the JDK, which buffers it
        // (on the wire both look alike; only the JDK's 1 ms probe before a streamed POST differs)
        List<String> handedContentLength = new CopyOnWriteArrayList<>();
        SdkHttpClient urlConnection = UrlConnectionHttpClient.create();
        SdkHttpClient seeing = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest handed) {
                handedContentLength.add(handed.httpRequest().firstMatchingHeader("Content-Length").orElse("none"));
                return urlConnection.prepareRequest(handed);
            }

            @Override
            public void close() {
                urlConnection.close();
            }
        };
        try (SdkHttpClient client = new BufferedBodiesHttpClient(seeing)) {
            for (int call = 0; call < 2; call++) {
                HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request)
                        .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build()).call();
                assertEquals(200, response.httpResponse().statusCode());
                response.responseBody().orElseThrow().readAllBytes();
            }
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("none", "none"), handedContentLength);
        // and the JDK still sends the length the SigV4 signature covers, not a chunked body
        String expected = body.length + " null DynamoDB_20120810.GetItem " + new String(body, StandardCharsets.UTF_8);
        assertEquals(List.of(expected, expected), seen);
    }
}
