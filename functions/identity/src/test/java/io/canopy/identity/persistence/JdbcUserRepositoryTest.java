package io.canopy.identity.persistence;

import io.canopy.identity.IdentityTestSetup;
import io.canopy.identity.domain.EmailTakenException;
import io.canopy.identity.domain.RefreshToken;
import io.canopy.identity.domain.RefreshTokenRepository;
import io.canopy.identity.domain.User;
import io.canopy.identity.domain.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users and refresh tokens on real PostgreSQL: every column round-trips, and the database's checks hold. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcUserRepositoryTest implements TestPropertyProvider {

    private static final Instant T0 = Instant.parse("2026-12-06T10:15:30.123456Z");

    @Inject
    UserRepository users;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Override
    public Map<String, String> getProperties() {
        return IdentityTestSetup.properties();
    }

    @Test
    void insert_storesEveryColumn_withVersionZero_andFindsItByIdAndByEmailInAnyCase() {
        User user = user("round.trip@example.com", T0, 7);
        User full = new User(user.id(), user.email(), user.passwordHash(), "Ada", null, LocalDate.of(1990, 2, 28),
                List.of("user", "admin"), List.of("time", "reports"), T0, T0.plusSeconds(1), 7);

        User stored = users.insert(full);

        assertEquals(0, stored.version());
        assertEquals(Optional.of(stored), users.findById(full.id()));
        assertEquals(Optional.of(stored), users.findByEmail("Round.Trip@EXAMPLE.com"));
        assertEquals(Optional.empty(), users.findById(UUID.randomUUID()));
    }

    @Test
    void insert_withAnEmailInUseInAnotherCase_isEmailTaken() {
        users.insert(user("taken@example.com", T0, 0));

        assertThrows(EmailTakenException.class, () -> users.insert(user("TAKEN@example.com", T0, 0)));
    }

    @Test
    void update_onTheStoredVersion_writesAndBumpsIt_onAStaleOne_changesNothing() {
        User stored = users.insert(user("versioned@example.com", T0, 0));

        Optional<User> renamed = users.update(stored.withProfile("Grace", "Hopper", null, stored.email(), T0.plusSeconds(60)));

        assertEquals(1, renamed.orElseThrow().version());
        assertEquals(renamed, users.findById(stored.id()));
        // The same change again, from version 0, lost the race.
        assertEquals(Optional.empty(), users.update(stored.withProfile("Stale", null, null, stored.email(), T0)));
        assertEquals(renamed, users.findById(stored.id()));
    }

    @Test
    void update_toAnEmailInUse_isEmailTaken_andChangesNothing() {
        users.insert(user("first@example.com", T0, 0));
        User second = users.insert(user("second@example.com", T0, 0));

        assertThrows(EmailTakenException.class,
                () -> users.update(second.withProfile(null, null, null, "first@example.com", T0.plusSeconds(1))));
        assertEquals(Optional.of(second), users.findById(second.id()));
    }

    @Test
    void listNewestFirst_pagesByCreatedAtThenId() {
        // Far in the future, so these are the newest users whatever the other tests stored.
        Instant later = Instant.parse("2100-01-01T00:00:00Z");
        User oldest = users.insert(user("page.c@example.com", later, 0));
        User tiedA = users.insert(user("page.a@example.com", later.plusSeconds(1), 0));
        User tiedB = users.insert(user("page.b@example.com", later.plusSeconds(1), 0));
        // PostgreSQL orders uuids byte by byte, as their hex text sorts (UUID.compareTo compares signed longs).
        List<User> tied = tiedA.id().toString().compareTo(tiedB.id().toString()) > 0
                ? List.of(tiedA, tiedB) : List.of(tiedB, tiedA);

        List<User> first = users.listNewestFirst(2, null, null);
        List<User> next = users.listNewestFirst(1, first.get(1).createdAt(), first.get(1).id());

        assertEquals(tied, first);
        assertEquals(List.of(oldest), next);
    }

    @Test
    void refreshToken_isSpentOnce_andOnlyExpiredOnesOfTheUserAreDeleted() {
        User owner = users.insert(user("tokens@example.com", T0, 0));
        UUID family = UUID.randomUUID();
        RefreshToken expired = new RefreshToken("hash-expired", owner.id(), family, T0.minusSeconds(1), null, T0);
        RefreshToken live = new RefreshToken("hash-live", owner.id(), family, T0.plusSeconds(3600), null, T0);
        refreshTokens.insert(expired);
        refreshTokens.insert(live);

        assertTrue(refreshTokens.markUsed("hash-live", T0.plusSeconds(5)));
        assertFalse(refreshTokens.markUsed("hash-live", T0.plusSeconds(6)));
        refreshTokens.deleteExpiredOfUser(owner.id(), T0);

        assertEquals(Optional.empty(), refreshTokens.findByHash("hash-expired"));
        assertEquals(Optional.of(new RefreshToken("hash-live", owner.id(), family, live.expiresAt(), T0.plusSeconds(5), T0)),
                refreshTokens.findByHash("hash-live"));
        refreshTokens.deleteFamily(family);
        assertEquals(Optional.empty(), refreshTokens.findByHash("hash-live"));
    }

    private static User user(String email, Instant createdAt, long version) {
        return new User(UUID.randomUUID(), email, "$2a$04$hash", null, null, null, List.of("user"), List.of("time"),
                createdAt, createdAt, version);
    }
}
