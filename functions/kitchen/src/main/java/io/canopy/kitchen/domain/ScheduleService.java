package io.canopy.kitchen.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Kitchen schedules of the caller's orders, one per order: scheduling an order again answers its existing schedule,
 * so a retried pay never cooks twice. Every change is a write conditional on the version read; a write that loses a
 * race reads the schedule again and decides again, so no change is lost and no state rule is skipped.
 */
@Singleton
public class ScheduleService {

    static final int MAX_ITEMS = 50;
    static final int MAX_PRODUCT_LENGTH = 100;
    static final int MAX_QUANTITY = 1_000_000;
    static final Set<String> SIZES = Set.of("small", "medium", "big");
    public static final String NOT_FOUND_DETAIL = "No such schedule.";
    /** Tries of one request against concurrent writers of the same schedule (or order) before it answers 409. */
    static final int MAX_ATTEMPTS = 5;

    /** The schedule, and whether this request created it (201) or found it (200). */
    public record Outcome(Schedule schedule, boolean created) {
    }

    private final ScheduleRepository schedules;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * The order's schedule: a new {@code pending} one, or the one it already has (whatever its items and status),
     * so that 20 concurrent requests for one order make exactly one schedule.
     */
    public Outcome schedule(Caller caller, @Nullable UUID orderId, @Nullable List<ItemDraft> order) {
        List<FieldError> errors = new ArrayList<>();
        if (orderId == null) {
            errors.add(new FieldError("order_id", "is required"));
        }
        List<Item> items = validate(order, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Schedule> existing = schedules.forOrder(caller.id(), orderId);
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
            if (attempt > 0) {
                // Another request's transaction for this order is still in flight: give it time to land.
                pause(attempt);
            }
            Schedule schedule = new Schedule(UUID.randomUUID(), caller.id(), orderId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), Schedule.PENDING, items, 1);
            if (schedules.create(schedule)) {
                return new Outcome(schedule, true);
            }
        }
        throw ApiException.conflict("The order's schedule is being created by another request; retry.");
    }

    public Page<Schedule> list(Caller caller, ScheduleFilter filter, PageRequest page) {
        if (filter.since() != null) {
            int year = filter.since().atOffset(ZoneOffset.UTC).getYear();
            if (year < 1 || year > 9999) {
                throw ApiException.invalid("since", "must be a time between the years 0001 and 9999");
            }
        }
        return schedules.list(caller.id(), filter, page);
    }

    public Schedule get(Caller caller, UUID id) {
        return schedules.find(caller.id(), id).orElseThrow(() -> ApiException.notFound(NOT_FOUND_DETAIL));
    }

    /** New items for a {@code pending} schedule; 409 in any other status, 412 on a stale {@code If-Match}. */
    public Schedule replace(Caller caller, UUID id, @Nullable List<ItemDraft> order, @Nullable String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        List<Item> items = validate(order, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Schedule current = get(caller, id);
            ETags.checkIfMatch(ifMatch, current.version());
            if (!Schedule.PENDING.equals(current.status())) {
                throw ApiException.conflict("The schedule is " + current.status() + "; only a pending schedule can be changed.");
            }
            Schedule changed = current.with(current.status(), items);
            if (schedules.update(changed)) {
                return changed;
            }
        }
        throw busy();
    }

    /** {@code cancelled} from {@code pending} or {@code progress}; a cancelled one is answered as it is; 409 when finished. */
    public Schedule cancel(Caller caller, UUID id) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Schedule current = get(caller, id);
            if (Schedule.CANCELLED.equals(current.status())) {
                return current;
            }
            if (Schedule.FINISHED.equals(current.status())) {
                throw ApiException.conflict("The schedule is finished; it cannot be cancelled.");
            }
            Schedule cancelled = current.with(Schedule.CANCELLED, current.order());
            if (schedules.update(cancelled)) {
                return cancelled;
            }
        }
        throw busy();
    }

    /** Deletes a {@code pending} or {@code cancelled} schedule, and with it the order's claim; 409 otherwise. */
    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Schedule current = get(caller, id);
            ETags.checkIfMatch(ifMatch, current.version());
            if (!Schedule.PENDING.equals(current.status()) && !Schedule.CANCELLED.equals(current.status())) {
                throw ApiException.conflict("The schedule is " + current.status() + "; only pending or cancelled schedules can be deleted.");
            }
            if (schedules.delete(current)) {
                return;
            }
        }
        throw busy();
    }

    private static ApiException busy() {
        return ApiException.conflict("The schedule is being changed by other requests; read it again and retry.");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scheduling", e);
        }
    }

    /**
     * The order lines, as orders checks them: 1..50 items; product 1..100 characters (UTF-16 units), not blank; size
     * small|medium|big; quantity 1..1000000, absent → 1. Type errors (a string quantity, ...) are 422s before this.
     */
    private static List<Item> validate(@Nullable List<ItemDraft> order, List<FieldError> errors) {
        if (order == null || order.isEmpty() || order.size() > MAX_ITEMS) {
            errors.add(new FieldError("order", "must hold 1 to " + MAX_ITEMS + " items"));
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ItemDraft draft = order.get(i);
            String at = "order[" + i + "]";
            if (draft == null) {
                errors.add(new FieldError(at, "must be an item"));
                continue;
            }
            if (draft.product() == null || draft.product().isBlank() || draft.product().length() > MAX_PRODUCT_LENGTH) {
                errors.add(new FieldError(at + ".product", "must be 1 to " + MAX_PRODUCT_LENGTH + " characters"));
            }
            if (draft.size() == null || !SIZES.contains(draft.size())) {
                errors.add(new FieldError(at + ".size", "must be small, medium or big"));
            }
            int quantity = draft.quantity() == null ? 1 : draft.quantity();
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                errors.add(new FieldError(at + ".quantity", "must be an integer from 1 to " + MAX_QUANTITY));
            }
            items.add(new Item(draft.product(), draft.size(), quantity));
        }
        return items;
    }
}
