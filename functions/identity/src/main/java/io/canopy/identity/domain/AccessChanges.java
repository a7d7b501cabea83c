package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** An admin's change to a user's roles and/or permissions; a null list stays as it is. */
public record AccessChanges(@Nullable List<String> roles, @Nullable List<String> permissions) {

    public boolean isEmpty() {
        return roles == null && permissions == null;
    }
}
