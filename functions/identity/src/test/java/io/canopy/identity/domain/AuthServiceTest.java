package io.canopy.identity.domain;

import io.canopy.testsupport.MovableClock;

import io.canopy.shared.error.ApiException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AuthService with fakes at every port: throttle, timing-equal failures, rotation and reuse. */
class AuthServiceTest {

    private final Fakes.Users users = new Fakes.Users();
    private final Fakes.RefreshTokens refreshTokens = new Fakes.RefreshTokens();
    private final Fakes.Failures failures = new Fakes.Failures();
    private final Fakes.Passwords passwords = new Fakes.Passwords();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T09:30:00Z"));
    private final AuthService auth = new AuthService(users, refreshTokens, failures, passwords, new Fakes.Tokens(),
            Fakes.properties("boss@example.com"), clock, new SecureRandom());

    private User register(String email) {
        return auth.register(new Registration(email, "password1", null, null, null));
    }

    private static HttpStatus statusOf(Runnable action) {
        return assertThrows(ApiException.class, action::run).status();
    }

    @Test
    void register_storesNormalizedEmailAndDefaults_whenEmailIsNew() {
        // WHEN registering with a mixed-case, padded email
        User user = register("  Someone@Example.COM ");
        // THEN stored normalized with role user, permission time, a hash and version 0
        assertEquals("someone@example.com", user.email());
        assertEquals(List.of("user"), user.roles());
        assertEquals(List.of("time"), user.permissions());
        assertEquals("hashed:password1", user.passwordHash());
        assertEquals(0, user.version());
    }

    @Test
    void register_throwsConflict_whenEmailDiffersOnlyInCase() {
        register("someone@example.com");
        assertEquals(HttpStatus.CONFLICT, statusOf(() -> register("SOMEONE@example.com")));
    }

    @Test
    void register_grantsAdmin_whenEmailIsConfigured() {
        assertEquals(List.of("admin", "user"), register("Boss@Example.com").roles());
    }

    @Test
    void signIn_checksDummyHash_whenEmailIsUnknown() {
        // WHEN an unknown email signs in
        HttpStatus status = statusOf(() -> auth.signIn("nobody@example.com", "password1"));
        // THEN 401 after a check against the dummy hash (the same work as a real check)
        assertEquals(HttpStatus.UNAUTHORIZED, status);
        assertEquals(List.of("dummy"), passwords.checkedAgainst);
    }

    @Test
    void signIn_failsIdentically_whenPasswordWrongOrEmailUnknown() {
        register("someone@example.com");
        ApiException wrongPassword = assertThrows(ApiException.class, () -> auth.signIn("someone@example.com", "nope"));
        ApiException unknownEmail = assertThrows(ApiException.class, () -> auth.signIn("other@example.com", "nope"));
        assertEquals(wrongPassword.status(), unknownEmail.status());
        assertEquals(wrongPassword.getMessage(), unknownEmail.getMessage());
    }

    @Test
    void signIn_throttlesWithRetryAfter_afterFiveFailuresEvenWithRightPassword() {
        // GIVEN five failures, one a minute
        register("someone@example.com");
        for (int i = 0; i < 5; i++) {
            statusOf(() -> auth.signIn("someone@example.com", "nope"));
            clock.advance(Duration.ofMinutes(1));
        }
        // WHEN the right password comes now
        ApiException throttled = assertThrows(ApiException.class, () -> auth.signIn("someone@example.com", "password1"));
        // THEN 429 until the oldest failure leaves the 15-minute window (10 minutes from now)
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, throttled.status());
        assertEquals("601", throttled.headers().get("Retry-After"));
        // and after that the right password works again and clears the count
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        auth.signIn("someone@example.com", "password1");
        assertTrue(failures.byKey.isEmpty());
    }

    @Test
    void signIn_throttlesUnknownEmails_likeKnownOnes() {
        for (int i = 0; i < 5; i++) {
            statusOf(() -> auth.signIn("ghost@example.com", "nope"));
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, statusOf(() -> auth.signIn("ghost@example.com", "nope")));
    }

    @Test
    void signIn_doesNotThrottle_whenFailuresAreOlderThanWindow() {
        register("someone@example.com");
        for (int i = 0; i < 5; i++) {
            statusOf(() -> auth.signIn("someone@example.com", "nope"));
        }
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertFalse(auth.signIn("someone@example.com", "password1").accessToken().isEmpty());
    }

    @Test
    void signIn_promotesConfiguredAdmin_whenStoredWithoutAdminRole() {
        // GIVEN a configured admin email whose stored roles lost admin
        User boss = register("boss@example.com");
        users.update(boss.withAccess(List.of("user"), boss.permissions(), clock.instant()));
        // WHEN signing in
        TokenPair pair = auth.signIn("boss@example.com", "password1");
        // THEN admin again, persisted and in the token
        assertTrue(users.findById(boss.id()).orElseThrow().isAdmin());
        assertTrue(pair.accessToken().contains("admin,user"));
    }

    @Test
    void refresh_rotates_andStoresOnlyHashes() {
        register("someone@example.com");
        TokenPair first = auth.signIn("someone@example.com", "password1");
        TokenPair second = auth.refresh(first.refreshToken());
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertTrue(refreshTokens.byHash.keySet().stream().noneMatch(h -> h.equals(first.refreshToken()) || h.equals(second.refreshToken())));
        assertEquals(64, refreshTokens.byHash.keySet().iterator().next().length());
    }

    @Test
    void refresh_revokesWholeFamily_whenUsedTokenIsPresentedAgain() {
        // GIVEN a rotated family
        register("someone@example.com");
        TokenPair first = auth.signIn("someone@example.com", "password1");
        TokenPair second = auth.refresh(first.refreshToken());
        // WHEN the spent token comes back
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(() -> auth.refresh(first.refreshToken())));
        // THEN the live descendant is revoked too
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(() -> auth.refresh(second.refreshToken())));
        assertTrue(refreshTokens.byHash.isEmpty());
    }

    @Test
    void refresh_fails_whenTokenExpired() {
        register("someone@example.com");
        TokenPair pair = auth.signIn("someone@example.com", "password1");
        clock.advance(Duration.ofDays(30));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(() -> auth.refresh(pair.refreshToken())));
    }

    @Test
    void refresh_leavesOtherSessionsAlone_whenOneFamilyIsRevoked() {
        register("someone@example.com");
        TokenPair phone = auth.signIn("someone@example.com", "password1");
        TokenPair laptop = auth.signIn("someone@example.com", "password1");
        auth.refresh(phone.refreshToken());
        statusOf(() -> auth.refresh(phone.refreshToken()));
        auth.refresh(laptop.refreshToken());
    }
}
