package io.canopy.identity.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.NewestFirst;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Profiles and accounts. Every operation first loads the caller's own account: a token whose user was deleted is
 * 401 here even before it expires. Admin rights are read from the stored account, not from the token, so a
 * demotion takes effect at once inside identity.
 */
@Singleton
public class UserService {

    static final String USER_GONE = "The user of this token no longer exists.";
    static final String NOT_FOUND = "No such user.";

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final SignInFailureRepository failures;
    private final PasswordHasher passwords;
    private final UserDeletionOutbox outbox;
    private final ApplicationEventPublisher<UserDeleted> deletions;
    private final Clock clock;

    public UserService(UserRepository users, RefreshTokenRepository refreshTokens, SignInFailureRepository failures,
                       PasswordHasher passwords, UserDeletionOutbox outbox,
                       ApplicationEventPublisher<UserDeleted> deletions, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.failures = failures;
        this.passwords = passwords;
        this.outbox = outbox;
        this.deletions = deletions;
        this.clock = clock;
    }

    /** The caller's own account; 401 when it no longer exists. */
    public User me(Caller caller) {
        return users.findById(caller.id()).orElseThrow(() -> ApiException.unauthorized(USER_GONE));
    }

    /** 200 when the caller's token holds the permission, else 403. */
    public void checkPermission(Caller caller, String permission) {
        me(caller);
        caller.requirePermission(permission);
    }

    /** Self or admin; anyone else's account is 404, as if it did not exist. */
    public User get(Caller caller, UUID id) {
        User actor = me(caller);
        if (!actor.id().equals(id) && !actor.isAdmin()) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return actor.id().equals(id) ? actor : users.findById(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /** Admin only: every user, newest first. */
    public Page<User> list(Caller caller, PageRequest request) {
        requireAdmin(me(caller));
        NewestFirst after = NewestFirst.after(request.cursor());
        List<User> rows = users.listNewestFirst(request.limit() + 1, after.createdAt(), after.id());
        return NewestFirst.page(rows, request.limit(), User::createdAt, User::id);
    }

    public User updateProfile(Caller caller, ProfileChanges changes, @Nullable String ifMatch) {
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "names no field to change");
        }
        User user = me(caller);
        ETags.checkIfMatch(ifMatch, user.version());
        String email = changes.email() == null ? user.email() : Emails.normalize(changes.email());
        if (!email.equals(user.email()) && users.findByEmail(email).isPresent()) {
            throw new EmailTakenException();
        }
        User changed = user.withProfile(
                changes.firstName() == null ? user.firstName() : emptyToNull(changes.firstName()),
                changes.lastName() == null ? user.lastName() : emptyToNull(changes.lastName()),
                changes.birthDate() == null ? user.birthDate() : changes.birthDate(),
                email, now());
        return save(changed);
    }

    /** A wrong current password is a 422 on {@code current_password}; success ends every refresh session. */
    @Transactional
    public void changePassword(Caller caller, String currentPassword, String newPassword, @Nullable String ifMatch) {
        User user = me(caller);
        ETags.checkIfMatch(ifMatch, user.version());
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            throw ApiException.invalid("current_password", "is not the current password");
        }
        save(user.withPasswordHash(passwords.hash(newPassword), now()));
        refreshTokens.deleteAllOfUser(user.id());
    }

    /**
     * Deletes the account, its refresh tokens and throttle rows, and records {@link UserDeleted} in the outbox in
     * the same transaction; {@link UserDeletionRelay} publishes it after the commit.
     */
    @Transactional
    public void delete(Caller caller, @Nullable String ifMatch) {
        User user = me(caller);
        ETags.checkIfMatch(ifMatch, user.version());
        refreshTokens.deleteAllOfUser(user.id());
        failures.clear(Emails.key(user.email()));
        users.delete(user.id());
        UserDeleted event = UserDeletionOutbox.event(user.id(), now());
        outbox.add(event);
        deletions.publishEvent(event);
    }

    /** Admin only: roles must be among {user, admin}; permissions non-blank, at most 64 characters. */
    public User updateAccess(Caller caller, UUID id, AccessChanges changes, @Nullable String ifMatch) {
        requireAdmin(me(caller));
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "names no field to change");
        }
        validate(changes);
        User user = users.findById(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        ETags.checkIfMatch(ifMatch, user.version());
        return save(user.withAccess(
                changes.roles() == null ? user.roles() : changes.roles(),
                changes.permissions() == null ? user.permissions() : changes.permissions(),
                now()));
    }

    private static void validate(AccessChanges changes) {
        List<FieldError> errors = new ArrayList<>();
        if (changes.roles() != null) {
            for (int i = 0; i < changes.roles().size(); i++) {
                String role = changes.roles().get(i);
                if (role == null || !Roles.ALL.contains(role)) {
                    errors.add(new FieldError("roles[" + i + "]", "must be one of " + Roles.ALL.stream().sorted().toList()));
                }
            }
        }
        if (changes.permissions() != null) {
            for (int i = 0; i < changes.permissions().size(); i++) {
                String permission = changes.permissions().get(i);
                if (permission == null || permission.isBlank() || permission.length() > Roles.MAX_PERMISSION_LENGTH) {
                    errors.add(new FieldError("permissions[" + i + "]",
                            "must be a non-blank string of at most " + Roles.MAX_PERMISSION_LENGTH + " characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private User save(User changed) {
        return users.update(changed).orElseThrow(() -> ApiException.preconditionFailed(
                "The user was changed by another request; read it again and retry."));
    }

    private static void requireAdmin(User actor) {
        if (!actor.isAdmin()) {
            throw ApiException.forbidden("Only an admin may do this.");
        }
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
