package io.canopy.identity.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.canopy.identity.domain.IdentityProperties;
import io.canopy.identity.domain.PasswordHasher;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * bcrypt (2a) at the configured cost. Passwords over 72 bytes are first hashed with SHA-512
 * ({@link LongPasswordStrategies#hashSha512}) instead of being silently cut at 72 bytes.
 */
@Singleton
class BcryptPasswordHasher implements PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;
    private final String dummyHash;

    BcryptPasswordHasher(IdentityProperties properties, SecureRandom random) {
        this.cost = properties.bcryptCost();
        this.hasher = BCrypt.with(VERSION, random, LongPasswordStrategies.hashSha512(VERSION));
        this.verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
        // A well-formed hash of random salt and digest at the same cost: checking it costs a real check, and no
        // password matches it. Built without running bcrypt, so it costs nothing at start-up.
        byte[] salt = new byte[16];
        byte[] digest = new byte[23];
        random.nextBytes(salt);
        random.nextBytes(digest);
        this.dummyHash = new String(VERSION.formatter.createHashMessage(new BCrypt.HashData(cost, VERSION, salt, digest)),
                StandardCharsets.UTF_8);
    }

    @Override
    public String hash(String password) {
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Override
    public boolean matches(String password, String hash) {
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    @Override
    public String dummyHash() {
        return dummyHash;
    }
}
