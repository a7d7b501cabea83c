package io.canopy.identity.domain;

/** What a successful sign-in or refresh hands out. */
public record TokenPair(String accessToken, long expiresInSeconds, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[expiresInSeconds=" + expiresInSeconds + "]";
    }
}
