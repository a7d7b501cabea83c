package io.canopy.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Master key files as the local runtime writes them: 32 random bytes, base64. */
public final class MasterKeyFiles {

    private MasterKeyFiles() {
    }

    public static Path create() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Path file = Files.createTempFile("master-key", "");
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
