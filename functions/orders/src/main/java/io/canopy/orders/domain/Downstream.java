package io.canopy.orders.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.UUID;

/** Payments and kitchen as orders sees them; each call is idempotent per order on the other side. */
public interface Downstream {

    /** A payment's id and status (paid, pending, invalid). */
    record Payment(UUID paymentId, String status) {
    }

    /** @throws DownstreamException when payments is unreachable, failing or slow */
    Payment pay(UUID orderId, String authorization);

    /** @return the schedule id */
    UUID schedule(UUID orderId, List<OrderItem> items, String authorization);

    void cancelSchedule(UUID scheduleId, String authorization);

    /** A downstream call that did not succeed; {@code status} is 502, 503 or 504. */
    class DownstreamException extends RuntimeException {
        private final int status;

        public DownstreamException(int status, String message, @Nullable Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
