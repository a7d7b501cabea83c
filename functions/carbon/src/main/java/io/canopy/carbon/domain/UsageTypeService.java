package io.canopy.carbon.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.security.Caller;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.List;

/** Reference data: anyone reads it, only admins change it, and a type that usages reference cannot go. */
@Singleton
public class UsageTypeService {

    static final BigDecimal MAX_FACTOR = new BigDecimal("1000000");

    private final UsageTypeRepository types;

    public UsageTypeService(UsageTypeRepository types) {
        this.types = types;
    }

    public List<UsageType> list() {
        return types.all();
    }

    public UsageType get(long id) {
        return types.find(id).orElseThrow(() -> ApiException.notFound("No such usage type."));
    }

    public UsageType create(Caller caller, UsageType type) {
        caller.requireAdmin();
        validate(type);
        if (!types.create(normalized(type))) {
            throw ApiException.conflict("Usage type " + type.id() + " exists.");
        }
        return normalized(type);
    }

    /** Creates or replaces. Usages keep the factor they were recorded with until they are changed. */
    public UsageType replace(Caller caller, UsageType type) {
        caller.requireAdmin();
        validate(type);
        types.put(normalized(type));
        return normalized(type);
    }

    public void delete(Caller caller, long id) {
        caller.requireAdmin();
        switch (types.delete(id)) {
            case NOT_FOUND -> throw ApiException.notFound("No such usage type.");
            case IN_USE -> throw ApiException.conflict("Usage type " + id + " is still used by usages; delete or change them first.");
            case DELETED -> { }
        }
    }

    private static UsageType normalized(UsageType type) {
        return new UsageType(type.id(), type.name().strip(), type.unit().strip(), Co2e.normalize(type.factor()));
    }

    private static void validate(UsageType type) {
        if (type.id() < 1) {
            throw ApiException.invalid("id", "must be a positive integer");
        }
        if (type.factor().signum() < 0 || type.factor().compareTo(MAX_FACTOR) > 0) {
            throw ApiException.invalid("factor", "must be between 0 and " + MAX_FACTOR.toPlainString());
        }
        if (type.factor().stripTrailingZeros().scale() > 6) {
            throw ApiException.invalid("factor", "must have at most 6 decimals");
        }
    }
}
