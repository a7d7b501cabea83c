package io.canopy.identity.domain;

import java.util.UUID;

/**
 * Published (Micronaut application event) after a user deleted their account, so the user's data in other
 * endpoint groups can be erased. Listeners inside this function only; reaching other groups is a later step.
 */
public record UserDeleted(UUID userId) {
}
