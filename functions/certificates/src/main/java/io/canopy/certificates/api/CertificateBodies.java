package io.canopy.certificates.api;

import io.canopy.certificates.domain.Certificate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the certificates group. No response but {@link PrivateKeyBody} carries the key. */
final class CertificateBodies {

    private CertificateBodies() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CertificateInput", description = "private_key: base64 of 1 byte to 64 KiB; body: 1 to 65536 characters; active defaults to false")
    record CertificateInput(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte", description = "base64, standard alphabet (RFC 4648 section 4; padding optional, no whitespace), of 1 byte to 64 KiB")
            @Nullable String privateKey,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 65536)
            @Nullable String body,
            @Schema(defaultValue = "false")
            @Nullable Boolean active) {
        @Override
        public String toString() {
            // Never the key, whoever logs this record.
            return "CertificateInput[body=" + (body == null ? null : body.length() + " chars") + ", active=" + active + "]";
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CertificateActive")
    record ActiveInput(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Boolean active) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Certificate")
    record CertificateBody(UUID id, UUID userId, String body, boolean active, Instant createdAt, Instant updatedAt) {
        static CertificateBody of(Certificate certificate) {
            return new CertificateBody(certificate.id(), certificate.userId(), certificate.body(), certificate.active(),
                    certificate.createdAt(), certificate.updatedAt());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CertificatePage")
    record CertificatePage(List<CertificateBody> items, @Nullable String nextCursor) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CertificatePrivateKey")
    record PrivateKeyBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte", description = "base64") String privateKey) {
        @Override
        public String toString() {
            return "PrivateKeyBody[private_key=(hidden)]";
        }
    }
}
