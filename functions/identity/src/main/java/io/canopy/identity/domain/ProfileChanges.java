package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * A change to one's own profile. A null field stays as it is; an empty first or last name clears it.
 * No field at all is a 422.
 */
public record ProfileChanges(@Nullable String firstName, @Nullable String lastName, @Nullable LocalDate birthDate,
                             @Nullable String email) {

    public boolean isEmpty() {
        return firstName == null && lastName == null && birthDate == null && email == null;
    }
}
