package io.canopy.payments.persistence;

import io.canopy.payments.domain.PaymentRepository;
import io.canopy.shared.events.UserDataEraser;
import jakarta.inject.Singleton;

import java.util.UUID;

/** A deleted user's payments go. */
@Singleton
class PaymentsUserDataEraser implements UserDataEraser {

    private final PaymentRepository payments;

    PaymentsUserDataEraser(PaymentRepository payments) {
        this.payments = payments;
    }

    @Override
    public long eraseUserData(UUID userId) {
        return payments.deleteAll(userId);
    }
}
