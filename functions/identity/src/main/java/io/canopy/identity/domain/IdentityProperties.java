package io.canopy.identity.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * {@code canopy.identity.*}: password cost, token lifetimes, the sign-in throttle and the admin emails.
 *
 * @param bcryptCost          bcrypt work factor, 4..31 (default 11)
 * @param accessTokenTtl      lifetime of an access token (default 15 min)
 * @param refreshTokenTtl     lifetime of a refresh token (default 30 days)
 * @param maxFailedSignIns    failed sign-ins for one email, within {@code failedSignInWindow}, before 429 (default 5)
 * @param failedSignInWindow  how long a failed sign-in counts (default 15 min)
 * @param adminEmails         users with these emails get role admin at registration and at every sign-in
 */
@ConfigurationProperties("canopy.identity")
public record IdentityProperties(
        @Bindable(defaultValue = "11") int bcryptCost,
        @Bindable(defaultValue = "15m") Duration accessTokenTtl,
        @Bindable(defaultValue = "30d") Duration refreshTokenTtl,
        @Bindable(defaultValue = "5") int maxFailedSignIns,
        @Bindable(defaultValue = "15m") Duration failedSignInWindow,
        @Nullable List<String> adminEmails) {

    public IdentityProperties {
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("canopy.identity.bcrypt-cost must be between 4 and 31");
        }
        if (maxFailedSignIns < 1) {
            throw new IllegalArgumentException("canopy.identity.max-failed-sign-ins must be at least 1");
        }
        adminEmails = adminEmails == null ? List.of() : adminEmails.stream()
                .map(Emails::normalize).filter(e -> e != null && !e.isEmpty()).toList();
    }

    public boolean isAdminEmail(String normalizedEmail) {
        return adminEmails.contains(normalizedEmail);
    }
}
