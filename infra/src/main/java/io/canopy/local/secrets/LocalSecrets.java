package io.canopy.local.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The local stand-ins for what Secrets Manager and KMS hold in AWS: the JWT signing key and the certificate
 * master key. Generated on the first run, owner-only permissions, kept afterwards so issued tokens and encrypted
 * data stay valid across restarts.
 *
 * @param signingKeyFile RSA 2048 private key, PKCS#8 PEM
 * @param masterKeyFile  32 random bytes, base64
 */
public record LocalSecrets(Path signingKeyFile, Path masterKeyFile) {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    public static LocalSecrets ensure(Path secretsDir) throws IOException {
        createPrivateDirectory(secretsDir);
        Path signingKey = secretsDir.resolve("jwt-signing-key.pem");
        Path masterKey = secretsDir.resolve("master-key");
        if (!Files.exists(signingKey)) {
            writePrivately(signingKey, pem(newRsaKey()));
        }
        if (!Files.exists(masterKey)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            writePrivately(masterKey, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return new LocalSecrets(signingKey.toAbsolutePath(), masterKey.toAbsolutePath());
    }

    private static byte[] newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate().getEncoded(); // PKCS#8
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is unavailable in this JVM", e);
        }
    }

    private static String pem(byte[] pkcs8) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** The file is created owner-only and moved into place, so no reader ever sees it half-written or open. */
    private static void writePrivately(Path file, String content) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", attributes);
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
