package io.canopy.bench.experiments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Experiment (variant {@code stream-handler}): the Micronaut payload 2.0 handler behind a {@link RequestStreamHandler}
 * that reads the event and writes the response with the application's own {@link JsonMapper}. The runtime then
 * never looks for a {@code CustomPojoSerializer}, so micronaut-aws-lambda-events-serde's serializer does not build
 * its second ApplicationContext (environment deduction, bean scanning) on the first invocation.
 */
public class StreamV2Function implements RequestStreamHandler {

    private final HttpApiFunction function = new HttpApiFunction();
    private final JsonMapper json = function.getApplicationContext().getBean(JsonMapper.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event = json.readValue(input, APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse response = function.handleRequest(event, context);
        output.write(json.writeValueAsBytes(response));
    }
}
