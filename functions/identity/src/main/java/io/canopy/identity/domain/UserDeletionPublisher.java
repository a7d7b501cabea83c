package io.canopy.identity.domain;

/** Sends {@link UserDeleted} events to the other endpoint groups (EventBridge in AWS and locally). */
public interface UserDeletionPublisher {

    /** Returns once the bus accepted the event; throws when it did not. */
    void publish(UserDeleted event);
}
