package io.canopy.identity.domain;

import io.canopy.shared.error.ApiException;
import io.micronaut.http.HttpStatus;

/** 409: another account already uses this email (compared case-insensitively). */
public class EmailTakenException extends ApiException {

    public EmailTakenException() {
        super(HttpStatus.CONFLICT, "An account with this email already exists.");
    }
}
