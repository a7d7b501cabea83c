package io.canopy.shared.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem details document, the body of every error answer.
 * Never carries stack traces, SQL or key material: {@code detail} is written for the API user.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
