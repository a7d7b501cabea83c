package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/** A registration request, already validated for shape (email format, password length, past birth date). */
public record Registration(String email, String password, @Nullable String firstName, @Nullable String lastName,
                           @Nullable LocalDate birthDate) {

    @Override
    public String toString() {
        return "Registration[email=" + email + "]";
    }
}
