package io.canopy.certificates.persistence;

import io.canopy.certificates.domain.CertificateRepository;
import io.canopy.shared.events.UserDataEraser;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's certificates (and so their encrypted private keys) go. */
@Singleton
class CertificatesUserDataEraser implements UserDataEraser {

    private final CertificateRepository certificates;

    CertificatesUserDataEraser(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    @Override
    @Transactional
    public long eraseUserData(UUID userId) {
        return certificates.deleteAllOf(userId);
    }
}
