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

    /**
     * What a create answers once its user is erased (401: the token's subject no longer exists). Access tokens stay
     * valid for up to 15 minutes after the deletion; see {@code ErasedUsers} and {@code JdbcErasedUsers}.
     */
    String ERASED_DETAIL = "The account was deleted.";

    /** Deletes all of the user's data in this group; returns how many items or rows were erased. */
    long eraseUserData(UUID userId);
}
