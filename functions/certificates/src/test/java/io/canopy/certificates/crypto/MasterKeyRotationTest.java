package io.canopy.certificates.crypto;

import io.canopy.certificates.MasterKeyFiles;
import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.CertificateService;
import io.canopy.certificates.persistence.RewrapKeys;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Master-key rotation on a real database: old rows stay readable, new rows use the new key, RewrapKeys moves the rest. */
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
        try (ApplicationContext before = run(oldKey, null)) {
            Certificate stored = before.getBean(CertificateService.class).create(user, secret, "old", true);
            id = stored.id();
            oldKeyId = stored.privateKey().keyId();
        }

        // WHEN the master key rotates (the old one kept as previous)
        try (ApplicationContext rotated = run(newKey, oldKey)) {
            CertificateService service = rotated.getBean(CertificateService.class);
            // THEN the old row still opens, and a new row uses the new key
            assertEquals(secret, service.privateKey(user, id));
            Certificate fresh = service.create(user, secret, "new", false);
            assertNotEquals(oldKeyId, fresh.privateKey().keyId());

            // WHEN the documented re-wrap runs
            long rewrapped = rotated.getBean(RewrapKeys.class).run();

            // THEN exactly the old row moved to the new key
            assertEquals(1, rewrapped);
            assertEquals(fresh.privateKey().keyId(), service.get(user, id).privateKey().keyId());
        }

        // AND without the old key every row still opens
        try (ApplicationContext newOnly = run(newKey, null)) {
            assertEquals(secret, newOnly.getBean(CertificateService.class).privateKey(user, id));
        }
    }

    @Test
    void oldRow_doesNotOpen_whenItsMasterKeyIsGone() {
        Path oldKey = MasterKeyFiles.create();
        UUID user = UUID.randomUUID();
        UUID id;
        try (ApplicationContext before = run(oldKey, null)) {
            id = before.getBean(CertificateService.class).create(user, Base64.getEncoder().encodeToString(random(16)), "x", true).id();
        }
        try (ApplicationContext other = run(MasterKeyFiles.create(), null)) {
            CertificateService service = other.getBean(CertificateService.class);
            io.canopy.shared.error.ApiException e = assertThrows(io.canopy.shared.error.ApiException.class, () -> service.privateKey(user, id));
            assertEquals(500, e.status().getCode());
        }
    }

    private ApplicationContext run(Path current, Path previous) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.certificates.master-key-file", current.toString());
        properties.put("canopy.certificates.previous-master-key-files", previous == null ? "" : previous.toString());
        return ApplicationContext.run(properties);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
