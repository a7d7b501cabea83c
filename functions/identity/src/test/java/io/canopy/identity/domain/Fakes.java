package io.canopy.identity.domain;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory stand-ins for the domain's ports, for unit tests of the services. */
final class Fakes {

    private Fakes() {
    }

    static IdentityProperties properties(String... adminEmails) {
        return new IdentityProperties(4, Duration.ofMinutes(15), Duration.ofDays(30), 5, Duration.ofMinutes(15), List.of(adminEmails));
    }

    /** A clock the test moves by hand. */
    static final class Users implements UserRepository {
        final Map<UUID, User> byId = new HashMap<>();

        @Override
        public Optional<User> findById(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<User> findByEmail(String email) {
            return byId.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
        }

        @Override
        public User insert(User user) {
            if (findByEmail(user.email()).isPresent()) {
                throw new EmailTakenException();
            }
            byId.put(user.id(), user);
            return user;
        }

        @Override
        public Optional<User> update(User user) {
            User stored = byId.get(user.id());
            if (stored == null || stored.version() != user.version()) {
                return Optional.empty();
            }
            User next = new User(user.id(), user.email(), user.passwordHash(), user.firstName(), user.lastName(), user.birthDate(),
                    user.roles(), user.permissions(), user.createdAt(), user.updatedAt(), user.version() + 1);
            byId.put(user.id(), next);
            return Optional.of(next);
        }

        @Override
        public void delete(UUID id) {
            byId.remove(id);
        }

        @Override
        public List<User> listNewestFirst(int limit, @Nullable Instant afterCreatedAt, @Nullable UUID afterId) {
            Comparator<User> newestFirst = Comparator.comparing(User::createdAt).thenComparing(User::id).reversed();
            return byId.values().stream().sorted(newestFirst)
                    .filter(u -> afterCreatedAt == null || u.createdAt().isBefore(afterCreatedAt)
                            || (u.createdAt().equals(afterCreatedAt) && u.id().compareTo(afterId) < 0))
                    .limit(limit).toList();
        }
    }

    static final class RefreshTokens implements RefreshTokenRepository {
        final Map<String, RefreshToken> byHash = new HashMap<>();

        @Override
        public void insert(RefreshToken token) {
            byHash.put(token.tokenHash(), token);
        }

        @Override
        public Optional<RefreshToken> findByHash(String tokenHash) {
            return Optional.ofNullable(byHash.get(tokenHash));
        }

        @Override
        public boolean markUsed(String tokenHash, Instant usedAt) {
            RefreshToken token = byHash.get(tokenHash);
            if (token == null || token.usedAt() != null) {
                return false;
            }
            byHash.put(tokenHash, new RefreshToken(token.tokenHash(), token.userId(), token.familyId(), token.expiresAt(), usedAt, token.createdAt()));
            return true;
        }

        @Override
        public void deleteFamily(UUID familyId) {
            byHash.values().removeIf(t -> t.familyId().equals(familyId));
        }

        @Override
        public void deleteAllOfUser(UUID userId) {
            byHash.values().removeIf(t -> t.userId().equals(userId));
        }

        @Override
        public void deleteExpiredOfUser(UUID userId, Instant now) {
            byHash.values().removeIf(t -> t.userId().equals(userId) && t.expiresAt().isBefore(now));
        }
    }

    static final class Failures implements SignInFailureRepository {
        final Map<String, List<Instant>> byKey = new HashMap<>();

        @Override
        public List<Instant> failuresSince(String emailKey, Instant since) {
            return byKey.getOrDefault(emailKey, List.of()).stream().filter(t -> t.isAfter(since))
                    .sorted(Comparator.reverseOrder()).toList();
        }

        @Override
        public void record(String emailKey, Instant failedAt, Instant forgetBefore) {
            byKey.values().forEach(times -> times.removeIf(t -> t.isBefore(forgetBefore)));
            byKey.computeIfAbsent(emailKey, k -> new ArrayList<>()).add(failedAt);
        }

        @Override
        public void clear(String emailKey) {
            byKey.remove(emailKey);
        }
    }

    /** Not a hash at all, but it counts how often a check ran and against which hash. */
    static final class Passwords implements PasswordHasher {
        final List<String> checkedAgainst = new ArrayList<>();

        @Override
        public String hash(String password) {
            return "hashed:" + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            checkedAgainst.add(hash);
            return hash.equals("hashed:" + password);
        }

        @Override
        public String dummyHash() {
            return "dummy";
        }
    }

    static final class Tokens implements AccessTokenIssuer {
        @Override
        public String issue(User user, Instant now, long ttlSeconds) {
            return "access:" + user.id() + ":" + String.join(",", user.roles()) + ":" + now.getEpochSecond();
        }
    }

    static final class Events implements ApplicationEventPublisher<UserDeleted> {
        final List<UserDeleted> published = new ArrayList<>();

        @Override
        public void publishEvent(UserDeleted event) {
            published.add(event);
        }
    }

    static final class Outbox implements UserDeletionOutbox {
        final List<UserDeleted> events = new ArrayList<>();

        @Override
        public void add(UserDeleted event) {
            events.add(event);
        }

        @Override
        public List<UserDeleted> oldest(int limit) {
            return events.stream().limit(limit).toList();
        }

        @Override
        public void remove(UUID eventId) {
            events.removeIf(event -> event.eventId().equals(eventId));
        }

        @Override
        public long pending() {
            return events.size();
        }
    }
}
