package io.canopy.payments.domain;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The simulated provider's only way to say no: a caller whose token {@code email} matches
 * {@code canopy.payments.decline-email-pattern} (a Java regex over the whole address; env
 * {@code CANOPY_PAYMENTS_DECLINE_EMAIL_PATTERN}, default {@code .*\+decline@.*}) is declined. An empty pattern
 * declines nobody; a pattern that is not a regex stops the function at init rather than deciding wrongly later.
 */
@Singleton
public class DeclineRule {

    public static final String PROPERTY = "canopy.payments.decline-email-pattern";

    private final @Nullable Pattern pattern;

    public DeclineRule(@Value("${" + PROPERTY + ":}") String pattern) {
        try {
            this.pattern = pattern == null || pattern.isBlank() ? null : Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(PROPERTY + " is not a valid Java regular expression: " + e.getDescription(), e);
        }
    }

    public boolean declines(@Nullable String email) {
        return pattern != null && email != null && pattern.matcher(email).matches();
    }
}
