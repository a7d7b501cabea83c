package io.canopy.identity.domain;

import io.canopy.shared.error.ApiException;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration, sign-in with the throttle, and refresh-token rotation.
 * <ul>
 *   <li>A wrong password and an unknown email get the same 401 after the same bcrypt work.</li>
 *   <li>After {@code maxFailedSignIns} failures for one email within the window, that email gets 429 (with the
 *       seconds until the oldest of them ages out) whatever the password, known address or not.</li>
 *   <li>A refresh token works once; presenting a used one again revokes its whole family.</li>
 * </ul>
 */
@Singleton
public class AuthService {

    static final String BAD_CREDENTIALS = "The email or password is wrong.";
    static final String BAD_REFRESH_TOKEN = "The refresh token is invalid, expired or already used.";
    private static final int REFRESH_TOKEN_BYTES = 32;

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final SignInFailureRepository failures;
    private final PasswordHasher passwords;
    private final AccessTokenIssuer accessTokens;
    private final IdentityProperties properties;
    private final Clock clock;
    private final SecureRandom random;

    public AuthService(UserRepository users, RefreshTokenRepository refreshTokens, SignInFailureRepository failures,
                       PasswordHasher passwords, AccessTokenIssuer accessTokens, IdentityProperties properties,
                       Clock clock, SecureRandom random) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.failures = failures;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.clock = clock;
        this.random = random;
    }

    /** A new account with role user (and admin for a configured admin email) and permission time; 409 if taken. */
    public User register(Registration registration) {
        String email = Emails.normalize(registration.email());
        if (users.findByEmail(email).isPresent()) {
            throw new EmailTakenException();
        }
        List<String> roles = properties.isAdminEmail(email) ? List.of(Roles.USER, Roles.ADMIN) : List.of(Roles.USER);
        Instant now = now();
        User user = new User(UUID.randomUUID(), email, passwords.hash(registration.password()),
                registration.firstName(), registration.lastName(), registration.birthDate(),
                roles, List.of(Roles.DEFAULT_PERMISSION), now, now, 0);
        return users.insert(user);
    }

    /** Password grant: 429 while throttled, 401 for a wrong email or password (indistinguishable). */
    @Transactional(noRollbackFor = ApiException.class)
    public TokenPair signIn(String rawEmail, String password) {
        String email = Emails.normalize(rawEmail);
        String emailKey = Emails.key(email);
        Instant now = now();
        Instant windowStart = now.minus(properties.failedSignInWindow());
        List<Instant> recent = failures.failuresSince(emailKey, windowStart);
        if (recent.size() >= properties.maxFailedSignIns()) {
            // Free again when the max-th most recent failure leaves the window.
            Instant freeAt = recent.get(properties.maxFailedSignIns() - 1).plus(properties.failedSignInWindow());
            throw ApiException.tooManyRequests("Too many failed sign-ins for this email; try again later.",
                    Math.max(1, Duration.between(now, freeAt).toSeconds() + 1));
        }
        Optional<User> found = users.findByEmail(email);
        // Unknown email: the same bcrypt work against a hash nothing matches.
        boolean matches = passwords.matches(password, found.map(User::passwordHash).orElseGet(passwords::dummyHash));
        if (found.isEmpty() || !matches) {
            failures.record(emailKey, now, windowStart);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        if (!recent.isEmpty()) {
            failures.clear(emailKey);
        }
        User user = promoteConfiguredAdmin(found.get(), now);
        refreshTokens.deleteExpiredOfUser(user.id(), now);
        return issue(user, UUID.randomUUID(), now);
    }

    /** Rotation: the presented token is spent and a new pair issued in the same family. */
    @Transactional(noRollbackFor = ApiException.class)
    public TokenPair refresh(String presentedToken) {
        Instant now = now();
        String hash = sha256(presentedToken);
        RefreshToken token = refreshTokens.findByHash(hash).orElseThrow(AuthService::badRefreshToken);
        if (token.usedAt() != null) {
            // Someone kept a copy of a spent token: end every session descended from that sign-in.
            refreshTokens.deleteFamily(token.familyId());
            throw badRefreshToken();
        }
        if (!token.expiresAt().isAfter(now)) {
            throw badRefreshToken();
        }
        if (!refreshTokens.markUsed(hash, now)) {
            refreshTokens.deleteFamily(token.familyId());
            throw badRefreshToken();
        }
        User user = users.findById(token.userId()).orElseThrow(AuthService::badRefreshToken);
        return issue(user, token.familyId(), now);
    }

    private User promoteConfiguredAdmin(User user, Instant now) {
        if (user.isAdmin() || !properties.isAdminEmail(user.email())) {
            return user;
        }
        List<String> roles = new ArrayList<>(user.roles());
        roles.add(Roles.ADMIN);
        // A concurrent write keeps the user as it is; the next sign-in promotes them.
        return users.update(user.withAccess(roles, user.permissions(), now)).orElse(user);
    }

    private TokenPair issue(User user, UUID familyId, Instant now) {
        long ttl = properties.accessTokenTtl().toSeconds();
        String accessToken = accessTokens.issue(user, now, ttl);
        byte[] secret = new byte[REFRESH_TOKEN_BYTES];
        random.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        refreshTokens.insert(new RefreshToken(sha256(refreshToken), user.id(), familyId,
                now.plus(properties.refreshTokenTtl()), null, now));
        return new TokenPair(accessToken, ttl, refreshToken);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException badRefreshToken() {
        return ApiException.unauthorized(BAD_REFRESH_TOKEN);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
