package io.canopy.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The floor of a function with no store (clock): the JVM, the runtime interface client and a payload 2.0 answer. */
public final class NoStoreFloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FloorResponses.json(200, "{\"current_time\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
    }
}
