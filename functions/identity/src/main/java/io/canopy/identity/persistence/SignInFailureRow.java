package io.canopy.identity.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code identity.sign_in_failures}. */
@MappedEntity(value = "sign_in_failures", schema = "identity")
record SignInFailureRow(@Id @GeneratedValue @Nullable Long id, String emailKey, Instant failedAt) {
}
