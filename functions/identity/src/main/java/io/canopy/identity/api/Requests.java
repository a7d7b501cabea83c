package io.canopy.identity.api;

import io.canopy.identity.domain.Emails;
import io.micronaut.core.annotation.Nullable;
import io.canopy.shared.json.FormValueDeserializer;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.annotation.Serdeable.Deserializable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Request bodies. Records holding a password print without it. */
final class Requests {

    /** An address with something before and after one @, and a dot in the domain. */
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final int MAX_NAME = 100;

    private Requests() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "RegisterRequest")
    record Register(@NotBlank @Email @Pattern(regexp = EMAIL_PATTERN, message = "must be a well-formed email address") @Size(max = 254) String email,
                    @NotNull @Size(min = 8, max = 128) String password,
                    @Nullable @Size(max = MAX_NAME) String firstName,
                    @Nullable @Size(max = MAX_NAME) String lastName,
                    @Nullable @Past @Schema(format = "date", example = "1990-04-01") LocalDate birthDate) {

        Register {
            email = Emails.normalize(email);
        }

        @Override
        public String toString() {
            return "Register[email=" + email + "]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "TokenRequest", description = "Password sign-in as JSON")
    record Token(@NotBlank String email, @NotBlank String password) {

        @Override
        public String toString() {
            return "Token[email=" + email + "]";
        }
    }

    /** The OAuth2 token request as a form (what Swagger UI and OAuth2 clients send). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "TokenForm", description = "OAuth2 token request: grant_type password (username = email) or refresh_token")
    record TokenForm(@Nullable @Deserializable(using = FormValueDeserializer.class) @Schema(allowableValues = {"password", "refresh_token"}, defaultValue = "password") String grantType,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) String username,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) String password,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) String refreshToken,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) @Schema(description = "ignored") String scope,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) @Schema(description = "ignored") String clientId,
                     @Nullable @Deserializable(using = FormValueDeserializer.class) @Schema(description = "ignored") String clientSecret) {

        @Override
        public String toString() {
            return "TokenForm[grantType=" + grantType + ", username=" + username + "]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "RefreshRequest")
    record Refresh(@NotBlank String refreshToken) {

        @Override
        public String toString() {
            return "Refresh[]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "UpdateProfileRequest", description = "Absent or null fields stay as they are; an empty name clears it. At least one field.")
    record UpdateProfile(@Nullable @Size(max = MAX_NAME) String firstName,
                         @Nullable @Size(max = MAX_NAME) String lastName,
                         @Nullable @Past @Schema(format = "date") LocalDate birthDate,
                         @Nullable @Email @Pattern(regexp = EMAIL_PATTERN, message = "must be a well-formed email address") @Size(max = 254) String email) {

        UpdateProfile {
            email = Emails.normalize(email);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "ChangePasswordRequest")
    record ChangePassword(@NotNull String currentPassword, @NotNull @Size(min = 8, max = 128) String newPassword) {

        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "UpdateAccessRequest", description = "Admin only. roles among user, admin; permissions non-blank, at most 64 characters.")
    record UpdateAccess(@Nullable @ArraySchema(schema = @Schema(allowableValues = {"user", "admin"})) List<String> roles,
                        @Nullable List<String> permissions) {
    }
}
