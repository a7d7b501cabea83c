package io.canopy.identity.domain;

import io.canopy.testsupport.MovableClock;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UserService with fakes at every port. */
class UserServiceTest {

    private final Fakes.Users users = new Fakes.Users();
    private final Fakes.RefreshTokens refreshTokens = new Fakes.RefreshTokens();
    private final Fakes.Failures failures = new Fakes.Failures();
    private final Fakes.Passwords passwords = new Fakes.Passwords();
    private final Fakes.Events events = new Fakes.Events();
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T09:30:00Z"));
    private final AuthService auth = new AuthService(users, refreshTokens, failures, passwords, new Fakes.Tokens(),
            Fakes.properties("boss@example.com"), clock, new SecureRandom());
    private final UserService service = new UserService(users, refreshTokens, failures, passwords, outbox, events, clock);

    private User register(String email) {
        clock.advance(Duration.ofSeconds(1));
        return auth.register(new Registration(email, "password1", "First", "Last", LocalDate.of(1990, 1, 1)));
    }

    /** A token's view of a user: whatever the token claims, the stored account decides admin rights. */
    private static Caller caller(User user) {
        return new Caller(user.id(), user.email(), Set.copyOf(user.roles()), Set.copyOf(user.permissions()));
    }

    private static HttpStatus statusOf(Runnable action) {
        return assertThrows(ApiException.class, action::run).status();
    }

    @Test
    void me_throwsUnauthorized_whenUserWasDeleted() {
        User user = register("a@example.com");
        users.delete(user.id());
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(() -> service.me(caller(user))));
    }

    @Test
    void get_throwsNotFound_whenAnotherUsersAccountIsAskedFor() {
        User owner = register("a@example.com");
        User other = register("b@example.com");
        assertEquals(HttpStatus.NOT_FOUND, statusOf(() -> service.get(caller(other), owner.id())));
        assertEquals(owner.id(), service.get(caller(owner), owner.id()).id());
        assertEquals(owner.id(), service.get(caller(register("boss@example.com")), owner.id()).id());
    }

    @Test
    void get_usesStoredRoles_whenTokenClaimsAdmin() {
        User owner = register("a@example.com");
        User pretender = register("b@example.com");
        Caller claimsAdmin = new Caller(pretender.id(), pretender.email(), Set.of("user", "admin"), Set.of());
        assertEquals(HttpStatus.NOT_FOUND, statusOf(() -> service.get(claimsAdmin, owner.id())));
    }

    @Test
    void updateProfile_keepsNullFields_clearsEmptyNames_andBumpsVersion() {
        User user = register("a@example.com");
        User changed = service.updateProfile(caller(user), new ProfileChanges("", null, null, null), "\"0\"");
        assertNull(changed.firstName());
        assertEquals("Last", changed.lastName());
        assertEquals(LocalDate.of(1990, 1, 1), changed.birthDate());
        assertEquals(1, changed.version());
    }

    @Test
    void updateProfile_throwsUnprocessable_whenNothingToChange() {
        User user = register("a@example.com");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, statusOf(() -> service.updateProfile(caller(user), new ProfileChanges(null, null, null, null), null)));
    }

    @Test
    void updateProfile_throwsConflict_whenEmailTaken_andPreconditionFailed_whenStale() {
        register("taken@example.com");
        User user = register("a@example.com");
        assertEquals(HttpStatus.CONFLICT, statusOf(() -> service.updateProfile(caller(user), new ProfileChanges(null, null, null, "TAKEN@example.com"), null)));
        assertEquals(HttpStatus.PRECONDITION_FAILED, statusOf(() -> service.updateProfile(caller(user), new ProfileChanges("X", null, null, null), "\"3\"")));
    }

    @Test
    void changePassword_revokesRefreshTokens_whenCurrentPasswordMatches() {
        User user = register("a@example.com");
        auth.signIn("a@example.com", "password1");
        service.changePassword(caller(user), "password1", "password2", null);
        assertTrue(refreshTokens.byHash.isEmpty());
        assertEquals("hashed:password2", users.findById(user.id()).orElseThrow().passwordHash());
    }

    @Test
    void changePassword_throwsUnprocessableOnCurrentPassword_whenItIsWrong() {
        User user = register("a@example.com");
        ApiException e = assertThrows(ApiException.class, () -> service.changePassword(caller(user), "wrong", "password2", null));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        assertEquals("current_password", e.errors().get(0).field());
    }

    @Test
    void delete_removesUserTokensAndThrottleRows_andRecordsUserDeletedInOutbox() {
        User user = register("a@example.com");
        auth.signIn("a@example.com", "password1");
        statusOf(() -> auth.signIn("a@example.com", "wrong"));
        service.delete(caller(user), null);
        assertTrue(users.byId.isEmpty());
        assertTrue(refreshTokens.byHash.isEmpty());
        assertTrue(failures.byKey.isEmpty());
        assertEquals(1, outbox.events.size());
        assertEquals(user.id(), outbox.events.get(0).userId());
        assertEquals(clock.instant(), outbox.events.get(0).deletedAt());
        assertEquals(outbox.events, events.published);
    }

    @Test
    void list_throwsForbidden_whenStoredUserIsNotAdmin() {
        User user = register("a@example.com");
        assertEquals(HttpStatus.FORBIDDEN, statusOf(() -> service.list(caller(user), PageRequest.of(null, null))));
    }

    @Test
    void list_pagesNewestFirstWithCursor_whenCallerIsAdmin() {
        User admin = register("boss@example.com");
        User b = register("b@example.com");
        User c = register("c@example.com");
        Page<User> first = service.list(caller(admin), PageRequest.of(2, null));
        assertEquals(List.of(c.id(), b.id()), first.items().stream().map(User::id).toList());
        Page<User> second = service.list(caller(admin), PageRequest.of(2, first.nextCursor()));
        assertEquals(List.of(admin.id()), second.items().stream().map(User::id).toList());
        assertNull(second.nextCursor());
    }

    @Test
    void updateAccess_validatesRolesAndPermissions() {
        User admin = register("boss@example.com");
        User user = register("a@example.com");
        ApiException e = assertThrows(ApiException.class, () -> service.updateAccess(caller(admin), user.id(),
                new AccessChanges(List.of("user", "root"), List.of("ok", " ", "x".repeat(65))), null));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        assertEquals(List.of("roles[1]", "permissions[1]", "permissions[2]"), e.errors().stream().map(f -> f.field()).toList());
        User changed = service.updateAccess(caller(admin), user.id(), new AccessChanges(null, List.of("time", "carbon")), "\"0\"");
        assertEquals(List.of("carbon", "time"), changed.permissions());
        assertEquals(List.of("user"), changed.roles());
    }

    @Test
    void updateAccess_throwsNotFound_whenUserIsAbsent() {
        User admin = register("boss@example.com");
        assertEquals(HttpStatus.NOT_FOUND, statusOf(() -> service.updateAccess(caller(admin), UUID.randomUUID(), new AccessChanges(List.of("user"), null), null)));
    }

    @Test
    void checkPermission_throwsForbidden_whenTokenLacksIt() {
        User user = register("a@example.com");
        service.checkPermission(caller(user), "time");
        assertEquals(HttpStatus.FORBIDDEN, statusOf(() -> service.checkPermission(caller(user), "admin-stuff")));
    }
}
