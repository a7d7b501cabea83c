package io.canopy.orders.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's orders and their state machine, enforced with conditional writes (each write names the version it
 * read). Pay: payments first (the order becomes paid only once payments says paid), then kitchen (progress only
 * once kitchen scheduled it); a failure on the way leaves the order in the last state that really happened, and a
 * later pay resumes there. Both downstream calls are idempotent per order, so retries never charge or cook twice.
 */
@Singleton
public class OrderService {

    static final Set<String> SIZES = Set.of("small", "medium", "big");
    static final String NOT_FOUND = "No such order.";

    private final OrderRepository orders;
    private final Downstream downstream;
    private final Clock clock;

    public OrderService(OrderRepository orders, Downstream downstream, Clock clock) {
        this.orders = orders;
        this.downstream = downstream;
        this.clock = clock;
    }

    public Order create(Caller caller, @Nullable List<ItemDraft> items) {
        List<OrderItem> valid = validate(items);
        Instant now = now();
        Order order = new Order(UUID.randomUUID(), caller.id(), Order.CREATED, valid, now, now, null, null, 1);
        orders.create(order);
        return order;
    }

    public Order get(Caller caller, UUID id) {
        return orders.find(caller.id(), id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    public Page<Order> list(Caller caller, @Nullable String status, @Nullable Boolean cancelled, PageRequest page) {
        return orders.list(caller.id(), status, cancelled, page);
    }

    public Order replace(Caller caller, UUID id, @Nullable List<ItemDraft> items, @Nullable String ifMatch) {
        List<OrderItem> valid = validate(items);
        Order current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        requireStatus(current, "changed", Order.CREATED);
        return write(current.with(current.status(), valid, null, null, now()));
    }

    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        Order current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        requireStatus(current, "deleted", Order.CREATED, Order.CANCELLED);
        if (!orders.delete(current)) {
            throw ApiException.conflict("The order changed while it was being deleted; read it again.");
        }
    }

    public Order pay(Caller caller, UUID id, String authorization) {
        Order order = get(caller, id);
        requireStatus(order, "paid", Order.CREATED, Order.PAID);
        if (Order.CREATED.equals(order.status())) {
            Downstream.Payment payment = call(() -> downstream.pay(id, authorization));
            if ("invalid".equals(payment.status())) {
                throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "The payment was declined; the order is still created.");
            }
            if (!"paid".equals(payment.status())) {
                throw ApiException.dependencyFailed(HttpStatus.BAD_GATEWAY, "Payments answered " + payment.status() + "; the order is still created.");
            }
            order = advance(caller, order, Order.CREATED, Order.PAID, payment.paymentId(), null);
        }
        if (Order.PAID.equals(order.status())) {
            List<OrderItem> items = order.items();
            UUID scheduleId = call(() -> downstream.schedule(id, items, authorization));
            order = advance(caller, order, Order.PAID, Order.PROGRESS, order.paymentId(), scheduleId);
        }
        return order;
    }

    public Order cancel(Caller caller, UUID id, String authorization) {
        Order order = get(caller, id);
        requireStatus(order, "cancelled", Order.CREATED, Order.PAID, Order.PROGRESS);
        if (Order.PROGRESS.equals(order.status()) && order.scheduleId() != null) {
            UUID scheduleId = order.scheduleId();
            call(() -> {
                downstream.cancelSchedule(scheduleId, authorization);
                return null;
            });
        }
        return write(order.with(Order.CANCELLED, order.items(), order.paymentId(), order.scheduleId(), now()));
    }

    /**
     * Moves the order from {@code from} to {@code to}. When a concurrent request moved it first (another pay of the
     * same order), the stored order is returned if it is at least as far along.
     */
    private Order advance(Caller caller, Order order, String from, String to, @Nullable UUID paymentId, @Nullable UUID scheduleId) {
        Order changed = order.with(to, order.items(), paymentId, scheduleId, now());
        if (orders.update(changed)) {
            return changed;
        }
        Order stored = get(caller, order.id());
        if (stored.status().equals(to) || (Order.PAID.equals(to) && Order.PROGRESS.equals(stored.status()))) {
            return stored;
        }
        if (stored.status().equals(from)) {
            return advance(caller, stored, from, to, paymentId, scheduleId);
        }
        throw ApiException.conflict("The order is " + stored.status() + " now; it was " + from + " when the payment started.");
    }

    private Order write(Order changed) {
        if (!orders.update(changed)) {
            throw ApiException.conflict("The order changed while it was being updated; read it again.");
        }
        return changed;
    }

    private static <T> T call(java.util.function.Supplier<T> downstreamCall) {
        try {
            return downstreamCall.get();
        } catch (Downstream.DownstreamException e) {
            throw ApiException.dependencyFailed(HttpStatus.valueOf(e.status()), e.getMessage());
        }
    }

    private static void requireStatus(Order order, String action, String... allowed) {
        for (String status : allowed) {
            if (status.equals(order.status())) {
                return;
            }
        }
        throw ApiException.conflict("The order is " + order.status() + "; it cannot be " + action + ".");
    }

    /** 1..50 items; product 1..100 characters; size small|medium|big; quantity 1..1000000 (default 1). */
    static List<OrderItem> validate(@Nullable List<ItemDraft> items) {
        List<FieldError> errors = new ArrayList<>();
        List<OrderItem> valid = new ArrayList<>();
        if (items == null || items.isEmpty() || items.size() > 50) {
            throw ApiException.invalid("order", "must hold 1 to 50 items");
        }
        for (int i = 0; i < items.size(); i++) {
            ItemDraft item = items.get(i);
            String at = "order[" + i + "].";
            if (item == null) {
                errors.add(new FieldError("order[" + i + "]", "must be an item"));
                continue;
            }
            if (item.product() == null || item.product().isBlank() || item.product().length() > 100) {
                errors.add(new FieldError(at + "product", "must be 1 to 100 characters"));
            }
            if (item.size() == null || !SIZES.contains(item.size())) {
                errors.add(new FieldError(at + "size", "must be small, medium or big"));
            }
            int quantity = item.quantity() == null ? 1 : item.quantity();
            if (quantity < 1 || quantity > 1_000_000) {
                errors.add(new FieldError(at + "quantity", "must be an integer from 1 to 1000000"));
            }
            valid.add(new OrderItem(item.product(), item.size(), quantity));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return valid;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
