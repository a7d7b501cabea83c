package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.io.buffer.ByteArrayBufferFactory;
import io.micronaut.core.util.ArrayUtils;
import io.micronaut.core.util.StringUtils;
import io.micronaut.function.aws.proxy.ApiGatewayServletRequest;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpParameters;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.stream.AvailableByteArrayBody;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletHttpResponse;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API request (payload 2.0) as Micronaut sees it: Micronaut's own {@code APIGatewayV2HTTPEventServletRequest},
 * but its headers and query parameters are built once per request, and a request without a body answers an empty
 * body instead of throwing and catching an exception to say so.
 * <p>
 * The headers are mutable ({@link MutableHttpHeaders}); built once, a header a filter adds is now still there for the
 * next reader, where Micronaut's class handed every reader a fresh copy of the event's headers.
 */
final class HttpApiRequest<B> extends ApiGatewayServletRequest<B, APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiRequest.class);

    private final APIGatewayV2HTTPResponseServletResponse<Object> response;
    private MutableHttpHeaders headers;
    private MutableHttpParameters parameters;

    HttpApiRequest(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponseServletResponse<Object> response,
                   ConversionService conversionService, BodyBuilder bodyBuilder) {
        super(conversionService, event,
                buildUri(event.getRequestContext().getHttp().getPath(), event.getQueryStringParameters(),
                        Collections.emptyMap()),
                parseMethod(() -> event.getRequestContext().getHttp().getMethod()),
                LOG, bodyBuilder);
        this.response = response;
    }

    @Override
    public byte[] getBodyBytes() throws EmptyBodyException {
        return getBodyBytes(requestEvent::getBody, requestEvent::getIsBase64Encoded);
    }

    @Override
    public @NonNull ByteBody byteBody() {
        if (StringUtils.isEmpty(requestEvent.getBody())) {
            return AvailableByteArrayBody.create(ByteArrayBufferFactory.INSTANCE, ArrayUtils.EMPTY_BYTE_ARRAY);
        }
        return super.byteBody();
    }

    @Override
    public MutableHttpHeaders getHeaders() {
        // One request is handled by one thread at a time on Lambda; building twice in a race would only waste work.
        if (headers == null) {
            headers = getHeaders(requestEvent::getHeaders, Collections::emptyMap);
        }
        return headers;
    }

    @Override
    public MutableHttpParameters getParameters() {
        if (parameters == null) {
            parameters = getParameters(Collections::emptyMap,
                    () -> transformCommaSeparatedValue(requestEvent.getQueryStringParameters()));
        }
        return parameters;
    }

    @Override
    public ServletHttpResponse<APIGatewayV2HTTPResponse, ?> getResponse() {
        return response;
    }
}
