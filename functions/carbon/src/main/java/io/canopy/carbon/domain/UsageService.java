package io.canopy.carbon.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user's usages. Every operation works inside the caller's own partition, so another user's usage is simply not
 * found (404) — it cannot be read, changed or deleted.
 */
@Singleton
public class UsageService {

    /** Amounts are meter readings: up to a billion units with six decimals covers every real one. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    static final int MAX_AMOUNT_SCALE = 6;
    /** Clocks of clients and Lambda differ a little; "now" on the client must not be refused as the future. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    static final String NOT_FOUND = "No such usage.";

    private final UsageRepository usages;
    private final UsageTypeRepository types;
    private final Clock clock;

    public UsageService(UsageRepository usages, UsageTypeRepository types, Clock clock) {
        this.usages = usages;
        this.types = types;
        this.clock = clock;
    }

    public Usage create(Caller caller, BigDecimal amount, long usageTypeId, @Nullable Instant usageAt) {
        Instant now = now();
        validateAmount(amount);
        Instant at = usageAt == null ? now : validateUsageAt(usageAt, now);
        UsageType type = types.find(usageTypeId).orElseThrow(UsageService::unknownType);
        Usage usage = new Usage(UUID.randomUUID(), caller.id(), amount, type, Co2e.of(amount, type.factor()),
                at, now, now, 1);
        if (!usages.create(usage)) {
            throw unknownType();
        }
        return usage;
    }

    public Usage get(Caller caller, UUID id) {
        return usages.find(caller.id(), id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    public Page<Usage> list(Caller caller, UsageQuery query, PageRequest page) {
        validateRange(query);
        return usages.list(caller.id(), query, page);
    }

    public Usage update(Caller caller, UUID id, UsageChanges changes, @Nullable String ifMatch) {
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "names no field to change");
        }
        Usage before = get(caller, id);
        ETags.checkIfMatch(ifMatch, before.version());
        Instant now = now();
        BigDecimal amount = before.amount();
        if (changes.amount() != null) {
            validateAmount(changes.amount());
            amount = changes.amount();
        }
        UsageType type = before.usageType();
        if (changes.usageTypeId() != null && changes.usageTypeId() != type.id()) {
            type = types.find(changes.usageTypeId()).orElseThrow(UsageService::unknownType);
        }
        Instant at = changes.usageAt() == null ? before.usageAt() : validateUsageAt(changes.usageAt(), now);
        Usage after = new Usage(before.id(), before.userId(), amount, type, Co2e.of(amount, type.factor()), at,
                before.createdAt(), now, before.version() + 1);
        try {
            usages.update(before, after);
        } catch (StaleUsageException e) {
            // Another write won between our read and our conditional write: never overwrite it silently.
            throw ifMatch != null ? ApiException.preconditionFailed("The usage changed; read it again.")
                    : ApiException.conflict("The usage changed while it was being updated; read it again and retry.");
        } catch (UnknownUsageTypeException e) {
            throw unknownType();
        }
        return after;
    }

    public void delete(Caller caller, UUID id, @Nullable String ifMatch) {
        Usage usage = get(caller, id);
        ETags.checkIfMatch(ifMatch, usage.version());
        if (!usages.delete(usage)) {
            if (usages.find(caller.id(), id).isEmpty()) {
                return; // someone deleted it first: the outcome the caller wanted
            }
            throw ifMatch != null ? ApiException.preconditionFailed("The usage changed; read it again.")
                    : ApiException.conflict("The usage changed while it was being deleted; read it again and retry.");
        }
    }

    /** Totals per type and overall, over every usage of the caller in the range. */
    public UsageSummary summary(Caller caller, UsageQuery query) {
        validateRange(query);
        Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<Long, UsageType> seen = new LinkedHashMap<>();
        usages.forEach(caller.id(), query, usage -> {
            long typeId = usage.usageType().id();
            seen.putIfAbsent(typeId, usage.usageType());
            BigDecimal[] sum = sums.computeIfAbsent(typeId, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(usage.amount());
            sum[1] = sum[1].add(usage.co2eKg());
        });
        BigDecimal total = BigDecimal.ZERO;
        List<UsageSummary.TypeTotal> byType = new java.util.ArrayList<>();
        for (Map.Entry<Long, BigDecimal[]> entry : new java.util.TreeMap<>(sums).entrySet()) {
            UsageType type = seen.get(entry.getKey());
            byType.add(new UsageSummary.TypeTotal(type.id(), type.name(), type.unit(),
                    Co2e.normalize(entry.getValue()[0]), Co2e.normalize(entry.getValue()[1])));
            total = total.add(entry.getValue()[1]);
        }
        return new UsageSummary(Co2e.normalize(total), byType);
    }

    private static void validateAmount(BigDecimal amount) {
        if (amount.signum() < 0) {
            throw ApiException.invalid("amount", "must be zero or more");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw ApiException.invalid("amount", "must be at most " + MAX_AMOUNT.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > MAX_AMOUNT_SCALE) {
            throw ApiException.invalid("amount", "must have at most " + MAX_AMOUNT_SCALE + " decimals");
        }
    }

    private static Instant validateUsageAt(Instant usageAt, Instant now) {
        if (usageAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ApiException.invalid("usage_at", "must not be in the future");
        }
        return usageAt.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void validateRange(UsageQuery query) {
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw ApiException.invalid("from", "must not be after to");
        }
    }

    private static ApiException unknownType() {
        return ApiException.invalid("usage_type_id", "is not a known usage type");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
