package io.canopy.certificates.persistence;

import io.canopy.certificates.crypto.EnvelopeVault;
import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.certificates.domain.UndecryptableKeyException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * After a master-key rotation: re-wraps, with the current master key, every row's data key that an earlier master
 * key wrapped. The private keys' ciphertexts and nonces do not change, and no private key is ever decrypted; each
 * row is updated in its own transaction, only if nobody re-wrapped it meanwhile, so the command may be interrupted
 * and run again. A row whose data key does not unwrap (its key is not configured, or the row was tampered with) is
 * reported by id and left as it is. Rows are read in batches of 100 in id order, each batch in a read-only
 * transaction; the statements are {@link JdbcCertificateRepository}'s, joining those transactions.
 *
 * <p>The command, with the function's artifact and the configuration the function uses (see the module README):
 * {@code java -cp canopy-certificates-function-*-lambda.jar io.canopy.certificates.persistence.RewrapKeys};
 * exit status 0 when every row is on the current key, 1 when some row could not be re-wrapped.
 */
@Singleton
public class RewrapKeys {

    static final int BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RewrapKeys.class);

    private final JdbcCertificateRepository certificates;
    private final EnvelopeVault vault;
    private final TransactionOperations<Connection> transactions;

    RewrapKeys(JdbcCertificateRepository certificates, EnvelopeVault vault, TransactionOperations<Connection> transactions) {
        this.certificates = certificates;
        this.vault = vault;
        this.transactions = transactions;
    }

    /** What a run did: rows moved to {@code keyId}, and the ids of rows that could not be re-wrapped. */
    public record Result(String keyId, long rewrapped, List<UUID> failed) {
    }

    public Result run() {
        String current = vault.currentKeyId();
        long rewrapped = 0;
        List<UUID> failed = new ArrayList<>();
        UUID after = null;
        while (true) {
            UUID last = after;
            List<Certificate> batch = transactions.executeRead(status -> certificates.wrappedByOtherKeys(current, last, BATCH));
            if (batch.isEmpty()) {
                return new Result(current, rewrapped, List.copyOf(failed));
            }
            for (Certificate row : batch) {
                after = row.id();
                SealedKey sealed = row.privateKey();
                SealedKey moved;
                try {
                    moved = vault.rewrap(sealed);
                } catch (UndecryptableKeyException e) {
                    LOG.warn("Certificate {}: data key not re-wrapped, it does not unwrap with {}: {}", row.id(), sealed.keyId(), e.getMessage());
                    failed.add(row.id());
                    continue;
                }
                rewrapped += transactions.executeWrite(status -> certificates.rewrap(row.id(), moved.wrappedKey(), moved.keyId(), sealed.keyId()));
            }
        }
    }

    public static void main(String[] args) {
        Result result;
        try (ApplicationContext context = ApplicationContext.run()) {
            result = context.getBean(RewrapKeys.class).run();
        }
        System.out.println("Re-wrapped " + result.rewrapped() + " certificate data key(s) with master key " + result.keyId() + ".");
        if (!result.failed().isEmpty()) {
            System.out.println(result.failed().size() + " certificate(s) could not be re-wrapped (their master key is not"
                    + " configured, or the row was altered): " + result.failed());
        }
        System.exit(result.failed().isEmpty() ? 0 : 1);
    }
}
