package io.canopy.shared.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;

/**
 * The second Lambda handler in every artifact whose group keeps per-user data: EventBridge delivers identity's
 * {@code UserDeleted} event here, and every {@link UserDataEraser} of the group erases that user's data.
 *
 * <p>A malformed event or a failed erasure throws, so the invocation fails and EventBridge retries it (then
 * sends it to the dead-letter queue). Erasers are idempotent, so a retry after a partial success is safe.
 */
public class UserDeletedHandler implements RequestStreamHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserDeletedHandler.class);

    private final ApplicationContext context;
    private final JsonMapper json;
    private final Collection<UserDataEraser> erasers;

    /** Lambda's entry point: the context starts at init, as for the HTTP handler. */
    public UserDeletedHandler() {
        this(ApplicationContext.builder().environments(Environment.FUNCTION).deduceEnvironment(false).start());
    }

    public UserDeletedHandler(ApplicationContext context) {
        this.context = context;
        this.json = context.getBean(JsonMapper.class);
        this.erasers = context.getBeansOfType(UserDataEraser.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) throws IOException {
        UserDeleted event = json.readValue(input.readAllBytes(), UserDeleted.class);
        UUID userId = userId(event);
        long erased = 0;
        for (UserDataEraser eraser : erasers) {
            erased += eraser.eraseUserData(userId);
        }
        LOG.info("Erased {} item(s) of deleted user {} (event {})", erased, userId, event.id());
        output.write(("{\"user_id\":\"" + userId + "\",\"erased\":" + erased + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static UUID userId(UserDeleted event) {
        if (!UserDeleted.SOURCE.equals(event.source()) || !UserDeleted.DETAIL_TYPE.equals(event.detailType())) {
            throw new IllegalArgumentException("not a " + UserDeleted.SOURCE + " " + UserDeleted.DETAIL_TYPE
                    + " event: source " + event.source() + ", detail-type " + event.detailType());
        }
        if (event.detail() == null || event.detail().userId() == null) {
            throw new IllegalArgumentException("UserDeleted event " + event.id() + " has no detail.user_id");
        }
        return UUID.fromString(event.detail().userId());
    }

    @Override
    public void close() {
        context.close();
    }
}
