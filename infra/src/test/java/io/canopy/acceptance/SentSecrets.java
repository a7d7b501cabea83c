package io.canopy.acceptance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret the suites send or receive (passwords, tokens, private keys), for {@link LogScanIT}. */
final class SentSecrets {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private SentSecrets() {
    }

    static void remember(String secret) {
        if (secret != null && secret.length() >= 8) {
            SECRETS.add(secret);
        }
    }

    static Set<String> all() {
        return Set.copyOf(SECRETS);
    }
}
