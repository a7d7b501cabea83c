package io.canopy.shared.logging;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * Puts the API Gateway request id into the logging context (every JSON log line then carries
 * {@code request_id}) and echoes it as {@code X-Request-Id}, so a user's report can be matched to the logs.
 * The Lambda handler serves one request at a time on one thread, so the MDC is safe here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

    public static final String MDC_KEY = "request_id";
    public static final String HEADER = "X-Request-Id";

    @RequestFilter
    public void start(HttpRequest<?> request) {
        String requestId = requestId(request);
        request.setAttribute(MDC_KEY, requestId);
        MDC.put(MDC_KEY, requestId);
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(MDC_KEY, String.class).ifPresent(requestId -> response.header(HEADER, requestId));
        MDC.remove(MDC_KEY);
    }

    static String requestId(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servletRequest
                && servletRequest.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return UUID.randomUUID().toString();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
