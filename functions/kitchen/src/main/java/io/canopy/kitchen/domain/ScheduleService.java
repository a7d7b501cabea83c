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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Kitchen schedules of the caller's orders, one per order: scheduling an order twice answers its existing schedule,
 * so a retried pay never cooks twice. Changes are conditional on the version read, so none is lost.
 */
@Singleton
public class ScheduleService {

    static final Set<String> SIZES = Set.of("small", "medium", "big");
    static final String NOT_FOUND = "No such schedule.";

    /** The schedule, and whether this request created it (201) or found it (200). */
    public record Outcome(Schedule schedule, boolean created) {
    }

    private final ScheduleRepository schedules;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    public Outcome schedule(Caller caller, @Nullable UUID orderId, @Nullable List<ItemDraft> order) {
        List<FieldError> errors = new ArrayList<>();
        if (orderId == null) {
            errors.add(new FieldError("order_id", "is required"));
        }
        List<Item> items = validate(order, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            var existing = schedules.forOrder(caller.id(), orderId);
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
            Schedule schedule = new Schedule(UUID.randomUUID(), caller.id(), orderId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), Schedule.PENDING, items, 1);
            if (schedules.create(schedule)) {
                return new Outcome(schedule, true);
            }
        }
        throw ApiException.conflict("The order's schedule is being created concurrently; retry.");
    }

    public Page<Schedule> list(Caller caller, @Nullable Boolean progress, @Nullable Instant since, PageRequest page) {
        return schedules.list(caller.id(), Boolean.TRUE.equals(progress) ? Schedule.PROGRESS : null, since, page);
    }

    public Schedule get(Caller caller, UUID id) {
        return schedules.find(caller.id(), id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    public Schedule replace(Caller caller, UUID id, @Nullable List<ItemDraft> order, @Nullable String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        List<Item> items = validate(order, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Schedule current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        if (!Schedule.PENDING.equals(current.status())) {
            throw ApiException.conflict("The schedule is " + current.status() + "; only a pending schedule can be changed.");
        }
        return write(current.with(current.status(), items));
    }

    public Schedule cancel(Caller caller, UUID id) {
        Schedule current = get(caller, id);
        switch (current.status()) {
            case Schedule.CANCELLED:
                return current;
            case Schedule.FINISHED:
                throw ApiException.conflict("The schedule is finished; it cannot be cancelled.");
            default:
                return write(current.with(Schedule.CANCELLED, current.order()));
        }
    }

    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        Schedule current = get(caller, id);
        ETags.checkIfMatch(ifMatch, current.version());
        if (!Schedule.PENDING.equals(current.status()) && !Schedule.CANCELLED.equals(current.status())) {
            throw ApiException.conflict("The schedule is " + current.status() + "; only pending or cancelled schedules can be deleted.");
        }
        if (!schedules.delete(current)) {
            throw ApiException.conflict("The schedule changed while it was being deleted; read it again.");
        }
    }

    private Schedule write(Schedule changed) {
        if (!schedules.update(changed)) {
            throw ApiException.conflict("The schedule changed while it was being updated; read it again.");
        }
        return changed;
    }

    /** The order lines: 1..50 items; product 1..100 characters; size small|medium|big; quantity 1..1000000 (default 1). */
    public static List<Item> validate(@Nullable List<ItemDraft> order, List<FieldError> errors) {
        if (order == null || order.isEmpty() || order.size() > 50) {
            errors.add(new FieldError("order", "must hold 1 to 50 items"));
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ItemDraft draft = order.get(i);
            String at = "order[" + i + "].";
            if (draft == null) {
                errors.add(new FieldError("order[" + i + "]", "must be an item"));
                continue;
            }
            if (draft.product() == null || draft.product().isBlank() || draft.product().length() > 100) {
                errors.add(new FieldError(at + "product", "must be 1 to 100 characters"));
            }
            if (draft.size() == null || !SIZES.contains(draft.size())) {
                errors.add(new FieldError(at + "size", "must be small, medium or big"));
            }
            int quantity = draft.quantity() == null ? 1 : draft.quantity();
            if (quantity < 1 || quantity > 1_000_000) {
                errors.add(new FieldError(at + "quantity", "must be 1 to 1000000"));
            }
            items.add(new Item(draft.product(), draft.size(), quantity));
        }
        return items;
    }
}
