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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's orders and their state machine. Every write is conditional on the version and status that were read
 * ({@link OrderRepository#replace}), so two requests never both move one order, and a lost race is re-read rather
 * than overwritten.
 *
 * <p>Pay: payments first — the order becomes {@code paid} only once payments answered paid — then the kitchen — the
 * order becomes {@code progress} only once the kitchen answered with a schedule. A failure on the way leaves the order
 * in the last state that really happened, and a later pay resumes there. Both calls are idempotent per order on the
 * other side, so concurrent or repeated pays make one payment and one schedule.
 */
@Singleton
public class OrderService {

    public static final int MAX_ITEMS = 50;
    public static final int MAX_PRODUCT_LENGTH = 100;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final Set<String> SIZES = Set.of("small", "medium", "big");
    static final String NOT_FOUND = "No such order.";
    /** Lost races re-read and try again this often before giving up with a 409. */
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final Payments payments;
    private final Kitchen kitchen;
    private final Clock clock;

    public OrderService(OrderRepository orders, Payments payments, Kitchen kitchen, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.kitchen = kitchen;
        this.clock = clock;
    }

    public Order create(Caller caller, @Nullable List<ItemDraft> drafts) {
        List<OrderItem> items = validate(drafts);
        Instant now = now();
        Order order = new Order(UUID.randomUUID(), caller.id(), OrderStatus.CREATED, items, now, now, null, null, 1);
        orders.create(order);
        return order;
    }

    public Order get(Caller caller, UUID id) {
        return orders.find(caller.id(), id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    public Page<Order> list(Caller caller, @Nullable String status, @Nullable Boolean cancelled, PageRequest page) {
        OrderStatus only = null;
        if (status != null) {
            only = OrderStatus.fromWire(status).orElseThrow(() -> ApiException.invalid("status", "must be one of " + OrderStatus.ALL));
        }
        return orders.list(caller.id(), only, cancelled, page);
    }

    /** PUT: new items while the order is created. */
    public Order replace(Caller caller, UUID id, @Nullable List<ItemDraft> drafts, @Nullable String ifMatch) {
        List<OrderItem> items = validate(drafts);
        Order current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        requireStatus(current, current.status().allowsChange(), "changed");
        Order changed = current.withItems(items, now());
        if (!orders.replace(current, changed)) {
            throw lostRace(caller, id, ifMatch);
        }
        return changed;
    }

    /** DELETE: while created or cancelled. */
    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        Order current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        requireStatus(current, current.status().allowsDelete(), "deleted");
        if (!orders.delete(current)) {
            throw lostRace(caller, id, ifMatch);
        }
    }

    /** From created: payments, then kitchen. From paid: kitchen (a pay that failed at the kitchen, resumed). */
    public Order pay(Caller caller, UUID id, String authorization) {
        Order order = get(caller, id);
        requireStatus(order, order.status().allowsPay(), "paid");
        if (order.status() == OrderStatus.CREATED) {
            Payments.Payment payment;
            try {
                payment = payments.pay(id, authorization);
            } catch (DownstreamFailure e) {
                throw e.meaning("The order is still created; paying again is safe: payments charges an order once.");
            }
            switch (payment.status()) {
                case DECLINED -> throw new ApiException(HttpStatus.PAYMENT_REQUIRED,
                        "Payment declined: payments declined payment " + payment.paymentId() + "; the order is still created.");
                case PENDING -> throw DownstreamFailure.badGateway("Payments", "left payment " + payment.paymentId() + " pending")
                        .meaning("The order is still created; pay again later.");
                case PAID -> order = recordPayment(caller, order, payment.paymentId());
            }
            if (order.status() != OrderStatus.PAID) {
                return order; // a concurrent pay of the same order got further first
            }
        }
        UUID scheduleId;
        try {
            scheduleId = kitchen.schedule(id, order.items(), authorization);
        } catch (DownstreamFailure e) {
            throw e.meaning("The order is paid (payment " + order.paymentId() + ") but not scheduled; pay again to schedule it, "
                    + "it will not be charged twice.");
        }
        return recordSchedule(caller, order, scheduleId, authorization);
    }

    /** From created or paid: cancelled. From progress: the kitchen schedule is cancelled first, then the order. */
    public Order cancel(Caller caller, UUID id, String authorization) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order current = get(caller, id);
            requireStatus(current, current.status().allowsCancel(), "cancelled");
            if (current.status() == OrderStatus.PROGRESS && current.scheduleId() != null) {
                cancelSchedule(current, authorization);
            }
            Order cancelled = current.cancelled(now());
            if (orders.replace(current, cancelled)) {
                return cancelled;
            }
            // A concurrent pay or cancel wrote first: look again (it may need the kitchen now, or be cancelled already).
        }
        throw ApiException.conflict("The order kept changing while it was being cancelled; read it and try again.");
    }

    private void cancelSchedule(Order order, String authorization) {
        Kitchen.Cancellation outcome;
        try {
            outcome = kitchen.cancelSchedule(order.scheduleId(), authorization);
        } catch (DownstreamFailure e) {
            throw e.meaning("The order is still progress; cancelling again is safe.");
        }
        if (outcome == Kitchen.Cancellation.REFUSED) {
            throw ApiException.conflict("The order is progress and the kitchen refused to cancel schedule " + order.scheduleId()
                    + " (409: it has finished the order, or is changing the schedule right now); the order is unchanged.");
        }
    }

    /** created → paid with the payment. A lost race is re-read: another pay may have recorded the same payment. */
    private Order recordPayment(Caller caller, Order read, UUID paymentId) {
        Order current = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order paid = current.paid(paymentId, now());
            if (orders.replace(current, paid)) {
                return paid;
            }
            Optional<Order> stored = orders.find(caller.id(), current.id());
            if (stored.isEmpty()) {
                LOG.warn("Order {} was deleted while payment {} went through", current.id(), paymentId);
                throw ApiException.notFound(NOT_FOUND);
            }
            current = stored.get();
            if (current.status() == OrderStatus.CANCELLED) {
                keepPaymentOnCancelled(current, paymentId);
                throw ApiException.conflict("The order is cancelled: it was cancelled while payment " + paymentId
                        + " went through; the payment is recorded on the order.");
            }
            if (current.status() != OrderStatus.CREATED) {
                return current; // paid or further by a concurrent pay: payments answered it with this same payment
            }
            // still created (its items were replaced meanwhile): record the payment on what is stored now
        }
        throw ApiException.conflict("The order kept changing while it was being paid; it is " + current.status().wire() + ".");
    }

    /** Best effort: a cancelled order shows the payment that went through while it was being cancelled. */
    private void keepPaymentOnCancelled(Order cancelled, UUID paymentId) {
        Order current = cancelled;
        for (int attempt = 0; attempt < ATTEMPTS && current.status() == OrderStatus.CANCELLED && current.paymentId() == null; attempt++) {
            if (orders.replace(current, current.withPayment(paymentId, now()))) {
                return;
            }
            Optional<Order> stored = orders.find(current.userId(), current.id());
            if (stored.isEmpty()) {
                break;
            }
            current = stored.get();
        }
        LOG.warn("Payment {} went through for cancelled order {}; not recorded on it", paymentId, cancelled.id());
    }

    /** paid → progress with the schedule; an order cancelled meanwhile gets its new schedule cancelled again. */
    private Order recordSchedule(Caller caller, Order read, UUID scheduleId, String authorization) {
        Order current = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order scheduled = current.scheduled(scheduleId, now());
            if (orders.replace(current, scheduled)) {
                return scheduled;
            }
            Optional<Order> stored = orders.find(caller.id(), current.id());
            if (stored.isEmpty() || stored.get().status() == OrderStatus.CANCELLED) {
                String undone = undoSchedule(current.id(), scheduleId, authorization);
                if (stored.isEmpty()) {
                    throw ApiException.notFound(NOT_FOUND);
                }
                throw ApiException.conflict("The order is cancelled: it was cancelled while it was being scheduled; " + undone);
            }
            current = stored.get();
            if (current.status() != OrderStatus.PAID) {
                return current; // progress or further by a concurrent pay: the kitchen answered it with this same schedule
            }
        }
        throw ApiException.conflict("The order kept changing while it was being scheduled; it is " + current.status().wire() + ".");
    }

    private String undoSchedule(UUID orderId, UUID scheduleId, String authorization) {
        try {
            if (kitchen.cancelSchedule(scheduleId, authorization) == Kitchen.Cancellation.CANCELLED) {
                return "its kitchen schedule " + scheduleId + " was cancelled again.";
            }
        } catch (DownstreamFailure e) {
            LOG.warn("Could not cancel schedule {} of cancelled order {}: {}", scheduleId, orderId, e.getMessage());
            return "its kitchen schedule " + scheduleId + " could not be cancelled (" + e.getMessage() + ")";
        }
        LOG.warn("The kitchen refused to cancel schedule {} of cancelled order {}", scheduleId, orderId);
        return "the kitchen refused to cancel its schedule " + scheduleId + ".";
    }

    /** A conditional write lost: 412 if the client named a version, 404 if the order went, else 409 with its status. */
    private ApiException lostRace(Caller caller, UUID id, @Nullable String ifMatch) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            return ApiException.preconditionFailed("The order changed while this request ran (If-Match no longer matches).");
        }
        return orders.find(caller.id(), id)
                .map(now -> ApiException.conflict("The order changed while this request ran; it is " + now.status().wire() + " now. Read it again."))
                .orElseGet(() -> ApiException.notFound(NOT_FOUND));
    }

    private static void requireStatus(Order order, boolean allowed, String action) {
        if (!allowed) {
            throw ApiException.conflict("The order is " + order.status().wire() + "; it cannot be " + action + ".");
        }
    }

    /** 1..50 items; product 1..100 characters; size small|medium|big; quantity 1..1000000 (absent: 1). */
    static List<OrderItem> validate(@Nullable List<ItemDraft> drafts) {
        if (drafts == null || drafts.isEmpty() || drafts.size() > MAX_ITEMS) {
            throw ApiException.invalid("order", "must hold 1 to " + MAX_ITEMS + " items");
        }
        List<FieldError> errors = new ArrayList<>();
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ItemDraft draft = drafts.get(i);
            String at = "order[" + i + "]";
            if (draft == null) {
                errors.add(new FieldError(at, "must be an item"));
                continue;
            }
            String product = draft.product();
            // UTF-16 units, as the kitchen counts: an order orders accepts must never be one the kitchen refuses
            if (product == null || product.isBlank() || product.length() > MAX_PRODUCT_LENGTH) {
                errors.add(new FieldError(at + ".product", "must be 1 to " + MAX_PRODUCT_LENGTH + " characters"));
            }
            if (draft.size() == null || !SIZES.contains(draft.size())) {
                errors.add(new FieldError(at + ".size", "must be small, medium or big"));
            }
            int quantity = draft.quantity() == null ? 1 : draft.quantity();
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                errors.add(new FieldError(at + ".quantity", "must be an integer from 1 to " + MAX_QUANTITY));
            }
            items.add(new OrderItem(product, draft.size(), quantity));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return items;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
