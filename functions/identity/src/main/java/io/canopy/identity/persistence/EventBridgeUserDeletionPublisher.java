package io.canopy.identity.persistence;

import io.canopy.identity.domain.UserDeleted;
import io.canopy.identity.domain.UserDeletionPublisher;
import io.canopy.shared.aws.AwsClients;
import io.canopy.shared.aws.AwsEnvironment;
import io.canopy.shared.events.UserDeleted.Detail;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts {@code UserDeleted} on the EventBridge bus {@code CANOPY_EVENT_BUS}; every endpoint group with user data has
 * a rule on it. Locally {@code CANOPY_EVENTS_ENDPOINT} points the client at the local runtime's event bus.
 */
@Singleton
class EventBridgeUserDeletionPublisher implements UserDeletionPublisher {

    private final EventBridgeClient events;
    private final String bus;
    private final JsonMapper json;

    EventBridgeUserDeletionPublisher(@Value("${canopy.identity.event-bus}") String bus,
                                     @Value("${canopy.identity.events-endpoint:}") String endpoint,
                                     JsonMapper json) {
        this.bus = bus;
        this.json = json;
        this.events = AwsClients.configure(EventBridgeClient.builder(), AwsEnvironment.region(), endpoint).build();
    }

    @Override
    public void publish(UserDeleted event) {
        String detail;
        try {
            detail = json.writeValueAsString(new Detail(event.userId().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PutEventsResponse response = events.putEvents(request -> request.entries(entry -> entry
                .eventBusName(bus)
                .source(io.canopy.shared.events.UserDeleted.SOURCE)
                .detailType(io.canopy.shared.events.UserDeleted.DETAIL_TYPE)
                .time(event.deletedAt())
                .detail(detail)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected the event: " + failed.errorCode() + " " + failed.errorMessage());
        }
    }

    @PreDestroy
    void close() {
        events.close();
    }
}
