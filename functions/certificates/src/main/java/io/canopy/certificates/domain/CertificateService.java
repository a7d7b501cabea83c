package io.canopy.certificates.domain;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.QueryParams;
import io.canopy.shared.paging.NewestFirst;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A user's certificates. {@code {user_id}} in the path must be the caller ({@code me} works) unless the caller is
 * an admin; anyone else's certificates, like unknown ones, are 404. The private key is sealed before it is stored
 * and opened only for {@code GET .../private-key}; it is never logged, and never part of an error message.
 */
@Singleton
public class CertificateService {

    public static final int MAX_KEY_BYTES = 64 * 1024;
    public static final int MAX_BODY_CHARS = 65536;
    static final String NOT_FOUND = "No such certificate.";
    static final String UNDECRYPTABLE = "The stored private key cannot be decrypted: it failed its integrity check or its"
            + " master key is no longer available. Nothing was changed; the certificate itself is intact.";
    private static final Logger LOG = LoggerFactory.getLogger(CertificateService.class);

    private final CertificateRepository certificates;
    private final PrivateKeyVault vault;
    private final Clock clock;

    public CertificateService(CertificateRepository certificates, PrivateKeyVault vault, Clock clock) {
        this.certificates = certificates;
        this.vault = vault;
        this.clock = clock;
    }

    /** The user a path names: {@code me} or the caller's id, or any user for an admin; otherwise 404. */
    public UUID owner(Caller caller, String userId) {
        if ("me".equals(userId)) {
            return caller.id();
        }
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (!caller.mayActFor(id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return id;
    }

    /** Validates every field (all errors at once), seals the key, stores the certificate. */
    @Transactional
    public Certificate create(UUID userId, @Nullable String privateKeyBase64, @Nullable String body, @Nullable Boolean active) {
        List<FieldError> errors = new ArrayList<>();
        byte[] key = decodeKey(privateKeyBase64, errors);
        if (body == null) {
            errors.add(new FieldError("body", "is required"));
        } else if (body.isEmpty() || body.codePointCount(0, body.length()) > MAX_BODY_CHARS) {
            errors.add(new FieldError("body", "must be 1 to " + MAX_BODY_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            wipe(key);
            throw ApiException.invalid(errors);
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        SealedKey sealed;
        try {
            sealed = vault.seal(key, context(id, userId));
        } finally {
            wipe(key);
        }
        Certificate certificate = new Certificate(id, userId, body, active != null && active, sealed, now, now, 1);
        certificates.insert(certificate);
        return certificate;
    }

    // Reads run without a transaction: under READ COMMITTED a transaction would give them no common snapshot, only a
    // COMMIT round trip to the database (through RDS Proxy), and privateKey would hold a connection across the KMS
    // call.
    public Page<Certificate> list(UUID userId, @Nullable String active, PageRequest page) {
        Boolean filter = QueryParams.bool("active", active);
        NewestFirst after = NewestFirst.after(page.cursor());
        List<Certificate> found = certificates.list(userId, filter, after.createdAt(), after.id(), page.limit() + 1);
        return NewestFirst.page(found, page.limit(), Certificate::createdAt, Certificate::id);
    }

    public Certificate get(UUID userId, UUID id) {
        return certificates.find(userId, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /**
     * Activates or deactivates, honouring {@code If-Match} (412). Setting the state it already has changes nothing,
     * not even the ETag.
     */
    @Transactional
    public Certificate setActive(UUID userId, UUID id, @Nullable Boolean active, @Nullable String ifMatch) {
        if (active == null) {
            throw ApiException.invalid("active", "is required");
        }
        Certificate current = lockForChange(userId, id, ifMatch);
        if (current.active() == active) {
            return current;
        }
        Instant now = now();
        if (!certificates.setActive(userId, id, active, now)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return new Certificate(current.id(), current.userId(), current.body(), active, current.privateKey(),
                current.createdAt(), now, current.version() + 1);
    }

    /** Deletes the certificate and its sealed key, honouring {@code If-Match} (412). */
    @Transactional
    public void delete(UUID userId, UUID id, @Nullable String ifMatch) {
        lockForChange(userId, id, ifMatch);
        if (!certificates.delete(userId, id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
    }

    /**
     * The private key, base64, opened for its owner (or an admin). A row that does not open answers 500 with a
     * detail saying so: the fault is in the stored data or the key configuration, not in the request, and no retry
     * of the client will fix it. The log line names the row and its key id, never key material.
     */
    public String privateKey(UUID userId, UUID id) {
        Certificate certificate = get(userId, id);
        byte[] key;
        try {
            key = vault.open(certificate.privateKey(), context(id, userId));
        } catch (UndecryptableKeyException e) {
            LOG.error("Private key of certificate {} (user {}, master key {}) cannot be decrypted: {}",
                    id, userId, certificate.privateKey().keyId(), e.getMessage());
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, UNDECRYPTABLE);
        }
        try {
            return Base64.getEncoder().encodeToString(key);
        } finally {
            wipe(key);
        }
    }

    /** Binds a sealed key to its row: copied into another row or to another owner, it does not open. */
    static String context(UUID id, UUID userId) {
        return "certificate:" + id + ":user:" + userId;
    }

    private Certificate lockForChange(UUID userId, UUID id, @Nullable String ifMatch) {
        Certificate current = certificates.findForUpdate(userId, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        ETags.checkIfMatch(ifMatch, current.version());
        return current;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The decoded key, or an empty array after adding the field's error. Error messages never quote the value. */
    private static byte[] decodeKey(@Nullable String base64, List<FieldError> errors) {
        if (base64 == null) {
            errors.add(new FieldError("private_key", "is required"));
            return new byte[0];
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("private_key", "is not valid base64"));
            return new byte[0];
        }
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            wipe(key);
            errors.add(new FieldError("private_key", "must decode to 1 byte to 64 KiB"));
            return new byte[0];
        }
        return key;
    }

    private static void wipe(byte[] bytes) {
        Arrays.fill(bytes, (byte) 0);
    }
}
