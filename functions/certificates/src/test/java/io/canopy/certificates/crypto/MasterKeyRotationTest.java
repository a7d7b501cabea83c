package io.canopy.certificates.crypto;

import io.canopy.certificates.MasterKeyFiles;
import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.CertificateService;
import io.canopy.certificates.persistence.RewrapKeys;
import io.canopy.shared.error.ApiException;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local master-key rotation on a real database, one application context per configuration (as one deployment after
 * another): old rows stay readable, new rows use the new key, {@link RewrapKeys} moves the rest.
 */
class MasterKeyRotationTest {

    private final Map<String, String> database = TestPostgres.newDatabase();

    @Test
    void rotation_keepsOldRowsReadable_andRewrapMovesThemToTheNewKey() {
        Path oldKey = MasterKeyFiles.create();
        Path newKey = MasterKeyFiles.create();
        UUID user = UUID.randomUUID();
        String secret = Base64.getEncoder().encodeToString(random(256));

        // GIVEN a certificate stored under the old master key
        UUID id;
        String oldKeyId;
        try (ApplicationContext before = run(oldKey)) {
            Certificate stored = before.getBean(CertificateService.class).create(user, secret, "old", true);
            id = stored.id();
            oldKeyId = stored.privateKey().keyId();
        }

        // WHEN the master key rotates, the old one kept as previous
        try (ApplicationContext rotated = run(newKey, oldKey)) {
            CertificateService service = rotated.getBean(CertificateService.class);
            // THEN the old row still opens, and a new row uses the new key
            assertEquals(secret, service.privateKey(user, id));
            Certificate fresh = service.create(user, secret, "new", false);
            assertNotEquals(oldKeyId, fresh.privateKey().keyId());

            // WHEN the re-wrap runs
            RewrapKeys.Result result = rotated.getBean(RewrapKeys.class).run();

            // THEN exactly the old row moved to the new key, its ciphertext unchanged
            assertEquals(1, result.rewrapped());
            assertEquals(List.of(), result.failed());
            Certificate moved = service.get(user, id);
            assertEquals(fresh.privateKey().keyId(), moved.privateKey().keyId());
            assertEquals(secret, service.privateKey(user, id));
            // AND a second run has nothing left to do
            assertEquals(0, rotated.getBean(RewrapKeys.class).run().rewrapped());
        }

        // AND without the old key every row still opens
        try (ApplicationContext newOnly = run(newKey)) {
            assertEquals(secret, newOnly.getBean(CertificateService.class).privateKey(user, id));
        }
    }

    @Test
    void privateKey_throws500Problem_whenTheRowsMasterKeyIsNoLongerConfigured() {
        // GIVEN a row under a key that is later dropped without a re-wrap
        UUID user = UUID.randomUUID();
        UUID id;
        try (ApplicationContext before = run(MasterKeyFiles.create())) {
            id = before.getBean(CertificateService.class).create(user, Base64.getEncoder().encodeToString(random(16)), "x", true).id();
        }
        try (ApplicationContext other = run(MasterKeyFiles.create())) {
            // WHEN its key is asked for
            ApiException e = assertThrows(ApiException.class, () -> other.getBean(CertificateService.class).privateKey(user, id));
            // THEN the clear 500 problem, and the certificate itself is still there
            assertEquals(500, e.status().getCode());
            assertTrue(e.getMessage().contains("cannot be decrypted"), e.getMessage());
            assertEquals(id, other.getBean(CertificateService.class).get(user, id).id());
        }
    }

    @Test
    void startup_fails_whenNoMasterKeyIsConfigured() {
        // GIVEN neither CANOPY_KMS_KEY_ID nor CANOPY_MASTER_KEY_FILE
        Map<String, Object> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        // WHEN the function starts THEN it refuses, saying what to set
        BeanInstantiationException e = assertThrows(BeanInstantiationException.class, () -> ApplicationContext.run(properties).close());
        assertTrue(e.getMessage().contains("CANOPY_MASTER_KEY_FILE"), e.getMessage());
    }

    private ApplicationContext run(Path current, Path... previous) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.master-key-file", current.toString());
        properties.put("canopy.certificates.previous-master-key-files",
                String.join(",", java.util.Arrays.stream(previous).map(Path::toString).toList()));
        return ApplicationContext.run(properties);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
