package io.canopy.shared.security;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** The public keys bearer tokens may be signed with, by key id ({@code kid}). */
public interface TokenKeys {

    Optional<RSAPublicKey> find(String keyId);
}
