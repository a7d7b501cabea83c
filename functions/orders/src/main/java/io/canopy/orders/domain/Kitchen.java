package io.canopy.orders.domain;

import java.util.List;
import java.util.UUID;

/** The kitchen group as orders needs it. Scheduling is idempotent per order on the other side; so is cancelling. */
public interface Kitchen {

    enum Cancellation { CANCELLED, REFUSED }

    /**
     * Schedules the paid order for the caller whose {@code authorization} header is forwarded.
     *
     * @return the schedule's id (the same one however often the order is scheduled)
     * @throws DownstreamFailure when the kitchen is unreachable, slow or answers with an error
     */
    UUID schedule(UUID orderId, List<OrderItem> items, String authorization);

    /**
     * Cancels a schedule; cancelling a cancelled one is fine.
     *
     * @return {@link Cancellation#REFUSED} when the kitchen says it is too late (it finished the order)
     * @throws DownstreamFailure when the kitchen is unreachable, slow or answers with an error
     */
    Cancellation cancelSchedule(UUID scheduleId, String authorization);
}
