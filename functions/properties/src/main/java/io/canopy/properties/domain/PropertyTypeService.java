package io.canopy.properties.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.security.Caller;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/** Reference data: anyone reads it, only admins change it, and a type in use cannot be deleted. */
@Singleton
public class PropertyTypeService {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_SLUG = 50;

    private final PropertyTypeRepository types;

    public PropertyTypeService(PropertyTypeRepository types) {
        this.types = types;
    }

    public List<PropertyType> list() {
        return types.all();
    }

    public PropertyType create(Caller caller, PropertyType type) {
        caller.requireAdmin();
        validate(type);
        if (!types.insert(type)) {
            throw ApiException.conflict("Property type " + type.slug() + " exists.");
        }
        return type;
    }

    public PropertyType replace(Caller caller, PropertyType type) {
        caller.requireAdmin();
        validate(type);
        types.upsert(type);
        return type;
    }

    public void delete(Caller caller, String slug) {
        caller.requireAdmin();
        switch (types.delete(slug)) {
            case NOT_FOUND -> throw ApiException.notFound("No such property type.");
            case IN_USE -> throw ApiException.conflict("Property type " + slug + " is used by properties.");
            case DELETED -> { }
        }
    }

    private static void validate(PropertyType type) {
        if (type.slug() == null || type.slug().length() > MAX_SLUG || !SLUG.matcher(type.slug()).matches()) {
            throw ApiException.invalid("slug", "must be lower-case letters and digits in dash-separated words, at most " + MAX_SLUG);
        }
        if (type.name() == null || type.name().isBlank() || type.name().length() > 100) {
            throw ApiException.invalid("name", "must be 1 to 100 characters");
        }
    }
}
