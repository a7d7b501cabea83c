package io.canopy.certificates.persistence;

import io.canopy.certificates.crypto.EnvelopeVault;
import io.canopy.certificates.domain.SealedKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/**
 * After a master-key rotation: re-wraps every row's data key that an earlier master key wrapped with the current
 * one. The private keys' ciphertexts do not change; each row is updated only if nobody re-wrapped it meanwhile.
 * Run it with the function's artifact and its configuration (see the module README):
 * {@code java -cp canopy-certificates-function-*-lambda.jar io.canopy.certificates.persistence.RewrapKeys}.
 */
@Singleton
public class RewrapKeys {

    static final int BATCH = 100;

    private final CertificateRows rows;
    private final EnvelopeVault vault;
    private final TransactionOperations<Connection> transactions;

    RewrapKeys(CertificateRows rows, EnvelopeVault vault, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.vault = vault;
        this.transactions = transactions;
    }

    /** @return how many rows were re-wrapped */
    public long run() {
        String current = vault.currentKeyId();
        long done = 0;
        while (true) {
            List<CertificateRow> batch = transactions.executeRead(status -> rows.wrappedByOtherKeys(current, BATCH));
            if (batch.isEmpty()) {
                return done;
            }
            for (CertificateRow row : batch) {
                SealedKey rewrapped = vault.rewrap(new SealedKey(row.keyCiphertext(), row.keyNonce(), row.wrappedKey(), row.keyId()));
                done += transactions.executeWrite(status -> rows.rewrap(row.id(), rewrapped.wrappedKey(), rewrapped.keyId(), row.keyId()));
            }
        }
    }

    public static void main(String[] args) {
        try (ApplicationContext context = ApplicationContext.run()) {
            long count = context.getBean(RewrapKeys.class).run();
            System.out.println("Re-wrapped " + count + " certificate data key(s) with master key "
                    + context.getBean(EnvelopeVault.class).currentKeyId());
        }
    }
}
