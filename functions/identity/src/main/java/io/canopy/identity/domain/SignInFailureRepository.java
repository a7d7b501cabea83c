package io.canopy.identity.domain;

import java.time.Instant;
import java.util.List;

/** Port: failed sign-ins per email key, shared by every function instance (the throttle's memory). */
public interface SignInFailureRepository {

    /** Times of the failures for {@code emailKey} after {@code since}, newest first. */
    List<Instant> failuresSince(String emailKey, Instant since);

    /** Records one failure and forgets every failure (of any key) older than {@code forgetBefore}. */
    void record(String emailKey, Instant failedAt, Instant forgetBefore);

    void clear(String emailKey);
}
