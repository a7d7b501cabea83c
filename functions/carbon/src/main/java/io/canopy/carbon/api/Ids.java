package io.canopy.carbon.api;

import io.canopy.shared.error.ApiException;

import java.util.UUID;

/** Path ids: something that is not a UUID cannot name a usage, so it is a 404 like any unknown id. */
final class Ids {

    private Ids() {
    }

    static UUID usage(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such usage.");
        }
    }
}
