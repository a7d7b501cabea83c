package io.canopy.identity.domain;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox once a deletion has committed: the event of that deletion, and any older ones a failed
 * publish left behind. A failure is logged, not raised: the account is already deleted and the caller gets their
 * 204; the event waits in the outbox for the next deletion's relay.
 */
@Singleton
public class UserDeletionRelay {

    static final int BATCH = 25;
    private static final Logger LOG = LoggerFactory.getLogger(UserDeletionRelay.class);

    private final UserDeletionOutbox outbox;
    private final UserDeletionPublisher publisher;

    public UserDeletionRelay(UserDeletionOutbox outbox, UserDeletionPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onUserDeleted(UserDeleted committed) {
        relay();
    }

    /** Publishes pending events, oldest first; stops at the first failure to keep their order. */
    public int relay() {
        int published = 0;
        for (UserDeleted event : outbox.oldest(BATCH)) {
            try {
                publisher.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("UserDeleted event {} for user {} not published, left in the outbox: {}",
                        event.eventId(), event.userId(), e.toString());
                return published;
            }
            outbox.remove(event.eventId());
            published++;
        }
        return published;
    }
}
