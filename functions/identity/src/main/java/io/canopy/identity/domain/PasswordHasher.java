package io.canopy.identity.domain;

/** Port: one-way password hashing. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);

    /**
     * A hash no password matches that costs as much to check as a real one: checked for unknown emails, so a
     * wrong email and a wrong password take the same time.
     */
    String dummyHash();
}
