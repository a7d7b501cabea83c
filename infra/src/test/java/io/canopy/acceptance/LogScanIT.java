package io.canopy.acceptance;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after every other suite on the shared runtime (see junit-platform.properties) and reads everything the
 * functions printed: no password, token, refresh token or private key the suites used may appear in any line.
 */
@Order(Integer.MAX_VALUE)
class LogScanIT {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

    @Test
    void noSecretAppearsInAnyLogLine() {
        SharedRuntime.get();
        List<String> lines = SharedRuntime.output();
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            if (JWT.matcher(line).find() || PEM.matcher(line).find()) {
                leaks.add(line);
                continue;
            }
            for (String secret : SentSecrets.all()) {
                if (line.contains(secret)) {
                    leaks.add("[" + secret.substring(0, 4) + "...] " + line);
                }
            }
        }
        assertTrue(lines.size() > 0, "no output was captured");
        assertTrue(leaks.isEmpty(), leaks.size() + " log lines carry secrets, e.g. " + leaks.subList(0, Math.min(3, leaks.size())));
        System.out.println("LogScanIT: " + lines.size() + " lines scanned for " + SentSecrets.all().size() + " secrets: none found");
    }
}
