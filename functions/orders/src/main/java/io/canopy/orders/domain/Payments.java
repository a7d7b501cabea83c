package io.canopy.orders.domain;

import java.util.UUID;

/** The payments group as orders needs it. Idempotent per order on the other side: asking twice charges once. */
public interface Payments {

    enum Status { PAID, PENDING, DECLINED }

    record Payment(UUID paymentId, Status status) {
    }

    /**
     * Pays for the order on behalf of the caller whose {@code authorization} header is forwarded.
     *
     * @throws DownstreamFailure when payments is unreachable, slow or answers with an error
     */
    Payment pay(UUID orderId, String authorization);
}
