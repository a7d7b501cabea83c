package io.canopy.identity.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.identity.domain.TokenPair;
import io.canopy.identity.domain.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Response bodies. */
final class Responses {

    private Responses() {
    }

    /** A user as the API shows it: never the password hash. Timestamps RFC 3339 UTC to the second. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "User")
    record UserBody(UUID id, String email, @Nullable String firstName, @Nullable String lastName,
                    @Nullable @Schema(format = "date") LocalDate birthDate, List<String> roles, List<String> permissions,
                    Instant createdAt, Instant updatedAt) {

        static UserBody of(User user) {
            return new UserBody(user.id(), user.email(), user.firstName(), user.lastName(), user.birthDate(),
                    user.roles(), user.permissions(), user.createdAt().truncatedTo(ChronoUnit.SECONDS),
                    user.updatedAt().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "TokenResponse")
    record TokenBody(String accessToken, @Schema(example = "Bearer") String tokenType, long expiresIn, String refreshToken) {

        static TokenBody of(TokenPair pair) {
            return new TokenBody(pair.accessToken(), "Bearer", pair.expiresInSeconds(), pair.refreshToken());
        }

        @Override
        public String toString() {
            return "TokenBody[expiresIn=" + expiresIn + "]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "ValidResponse")
    record Valid(String resource, boolean allowed) {
    }
}
