package io.canopy.shared.events;

import java.util.UUID;

/**
 * Erases everything one endpoint group holds about a user once identity has deleted that user.
 *
 * <p>Each group that keeps per-user data provides one bean. {@link UserDeletedHandler} calls every bean when the
 * {@code UserDeleted} event arrives (EventBridge in AWS, the local runtime's event bus locally). Delivery is at
 * least once, so an implementation must be idempotent: erasing a user with nothing left is a no-op.
 */
public interface UserDataEraser {

    /** Deletes all of the user's data in this group; returns how many items or rows were erased. */
    long eraseUserData(UUID userId);
}
