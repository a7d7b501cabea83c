package io.canopy.identity;

import io.canopy.testsupport.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What every test of the running function needs: a fresh PostgreSQL database, a signing key file like the one the
 * local runtime writes, cheap bcrypt, and one configured admin email.
 */
public final class IdentityTestSetup {

    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ISSUER = "http://localhost:8080";

    private static Path keyFile;

    private IdentityTestSetup() {
    }

    public static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestPostgres.newDatabase());
        properties.put("canopy.identity.signing-key-file", signingKeyFile().toString());
        properties.put("canopy.identity.bcrypt-cost", "4");
        properties.put("canopy.identity.admin-emails", ADMIN_EMAIL);
        properties.put("canopy.issuer", ISSUER);
        return properties;
    }

    /** An RSA 2048 PKCS#8 PEM in a temp file, one per test JVM. */
    public static synchronized Path signingKeyFile() {
        if (keyFile == null) {
            try {
                keyFile = Files.createTempFile("canopy-signing-key", ".pem");
                keyFile.toFile().deleteOnExit();
                Files.writeString(keyFile, pem(newKey()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyFile;
    }

    public static byte[] newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
