package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.executor.FunctionInitializer;

/**
 * The Lambda handler of every Canopy function, for API Gateway HTTP API events (payload 2.0). It is Micronaut's
 * {@code APIGatewayV2HTTPEventFunction} with one difference, the request it builds from the event
 * ({@link HttpApiRequest}): Micronaut's rebuilds and re-validates every header each time anything asks for the headers,
 * about eight times per request, and throws and catches an exception whenever a filter looks at a request without a
 * body. A request through the framework costs about half as much CPU with it (docs/BENCHMARKS.md, "Landed").
 */
public class HttpApiFunction extends FunctionInitializer
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpApiHandler handler;

    /** What Lambda calls: starts the application context. */
    public HttpApiFunction() {
        handler = startHandler();
    }

    /** Over a context built by the caller (tests, SnapStart priming); starts it if it is not running. */
    public HttpApiFunction(ApplicationContext context) {
        super(context);
        startThis(applicationContext);
        handler = startHandler();
    }

    private HttpApiHandler startHandler() {
        HttpApiHandler started = new HttpApiHandler(applicationContext);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        return started;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handle(event, context);
    }

    @NonNull
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return new LambdaApplicationContextBuilder();
    }
}
