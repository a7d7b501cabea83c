package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.PrivateKeyVault;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.certificates.domain.UndecryptableKeyException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption: a fresh 256-bit data key per private key, AES-256-GCM with a random 96-bit nonce, a 128-bit
 * tag and the row's context (its id and owner) as additional authenticated data, so a ciphertext copied into another
 * row does not open; the data key is then wrapped by the {@link MasterKey}. Plain key material is wiped once used.
 */
@Singleton
public final class EnvelopeVault implements PrivateKeyVault {

    private static final int DATA_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final SecureRandom random;

    @Inject
    public EnvelopeVault(MasterKey masterKey) {
        this(masterKey, new SecureRandom());
    }

    public EnvelopeVault(MasterKey masterKey, SecureRandom random) {
        this.masterKey = masterKey;
        this.random = random;
    }

    @Override
    public SealedKey seal(byte[] privateKey, String context) {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(dataKey);
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, dataKey, nonce, context).doFinal(privateKey);
            MasterKey.WrappedKey wrapped = masterKey.wrap(dataKey);
            return new SealedKey(ciphertext, nonce, wrapped.bytes(), wrapped.keyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public byte[] open(SealedKey sealed, String context) {
        byte[] dataKey = masterKey.unwrap(sealed.keyId(), sealed.wrappedKey());
        try {
            if (dataKey.length != DATA_KEY_BYTES) {
                throw new UndecryptableKeyException("the unwrapped data key has " + dataKey.length + " bytes, not " + DATA_KEY_BYTES);
            }
            if (sealed.ciphertext().length < TAG_BITS / 8) {
                // The JDK's GCM would throw a ProviderException, not an integrity failure, for less than a tag.
                throw new UndecryptableKeyException("the private key's ciphertext is shorter than its tag");
            }
            return cipher(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), context).doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException | IllegalArgumentException | ProviderException e) {
            // AEADBadTagException: ciphertext, nonce or context (another row) changed; a nonce of the wrong size lands here too.
            throw new UndecryptableKeyException("the private key fails its integrity check (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same sealed key with its data key wrapped by the current master key (the re-wrap after a rotation): the
     * ciphertext and nonce stay as they are.
     *
     * @throws UndecryptableKeyException when the data key does not unwrap
     */
    public SealedKey rewrap(SealedKey sealed) {
        byte[] dataKey = masterKey.unwrap(sealed.keyId(), sealed.wrappedKey());
        try {
            MasterKey.WrappedKey wrapped = masterKey.wrap(dataKey);
            return new SealedKey(sealed.ciphertext(), sealed.nonce(), wrapped.bytes(), wrapped.keyId());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public String currentKeyId() {
        return masterKey.currentKeyId();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
