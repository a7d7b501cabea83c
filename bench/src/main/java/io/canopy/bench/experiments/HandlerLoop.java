package io.canopy.bench.experiments;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The framework's own share of a warm request, without the runtime client, the network or a store: one JVM calls a
 * handler class's {@code handleRequest} in a loop with one GET event carrying the headers a browser and API Gateway
 * send, and prints the median microseconds per call of seven rounds. Run it over a function's artifact with Lambda's
 * JIT flags, e.g.
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *   -cp functions/clock/target/canopy-clock-function-0.1.0-SNAPSHOT-lambda.jar:bench/target/classes \
 *   io.canopy.bench.experiments.HandlerLoop io.canopy.shared.lambda.HttpApiFunction /health/clock 20000
 * </pre>
 * An anonymous route: the loop has no token to send.
 */
public final class HandlerLoop {

    private static final int ROUNDS = 7;

    private HandlerLoop() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length != 3) {
            System.err.println("usage: HandlerLoop <handler class> <anonymous GET path> <calls per round>");
            System.exit(2);
        }
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getConstructor().newInstance();
        String path = args[1];
        int calls = Integer.parseInt(args[2]);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET " + path)
                .withRawPath(path)
                .withHeaders(Map.of(
                        "accept", "application/json",
                        "accept-encoding", "gzip, deflate, br",
                        "accept-language", "en-GB,en;q=0.9",
                        "content-length", "0",
                        "host", "api.example.com",
                        "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
                        "x-amzn-trace-id", "Root=1-67891233-abcdef012345678912345678",
                        "x-forwarded-for", "203.0.113.7",
                        "x-forwarded-port", "443",
                        "x-forwarded-proto", "https"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("handler-loop")
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(path).withSourceIp("203.0.113.7").build())
                        .build())
                .build();
        int status = handler.handleRequest(event, null).getStatusCode();
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status + ", not 200");
        }
        for (int i = 0; i < calls; i++) {
            handler.handleRequest(event, null);
        }
        List<Double> microsPerCall = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                handler.handleRequest(event, null);
            }
            microsPerCall.add((System.nanoTime() - start) / 1000.0 / calls);
        }
        Collections.sort(microsPerCall);
        System.out.printf("%s %s: median %.1f us per call (rounds %.1f-%.1f)%n", args[0], path,
                microsPerCall.get(ROUNDS / 2), microsPerCall.get(0), microsPerCall.get(ROUNDS - 1));
        System.exit(0);
    }
}
