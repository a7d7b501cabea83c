package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.PrivateKeyVault;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.certificates.domain.UndecryptableKeyException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption: a fresh 256-bit data key per private key, AES-256-GCM with a random 96-bit nonce and the
 * row's context as additional authenticated data (so a ciphertext copied into another row does not open), the data
 * key wrapped by the master key. Plain key material is wiped from memory once used.
 */
public final class EnvelopeVault implements PrivateKeyVault {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final SecureRandom random;

    public EnvelopeVault(MasterKey masterKey, SecureRandom random) {
        this.masterKey = masterKey;
        this.random = random;
    }

    @Override
    public SealedKey seal(byte[] privateKey, String context) {
        byte[] dataKey = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(dataKey);
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce, context, privateKey);
            return new SealedKey(ciphertext, nonce, masterKey.wrap(dataKey), masterKey.currentKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public byte[] open(SealedKey sealed, String context) {
        byte[] dataKey;
        try {
            dataKey = masterKey.unwrap(sealed.keyId(), sealed.wrappedKey());
        } catch (RuntimeException e) {
            throw new UndecryptableKeyException("the data key does not unwrap with master key " + sealed.keyId(), e);
        }
        try {
            return gcm(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), context, sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new UndecryptableKeyException("the private key fails its integrity check", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Wraps an existing data key with the current master key (re-wrap after a rotation); the ciphertext stays. */
    public SealedKey rewrap(SealedKey sealed) {
        byte[] dataKey = masterKey.unwrap(sealed.keyId(), sealed.wrappedKey());
        try {
            return new SealedKey(sealed.ciphertext(), sealed.nonce(), masterKey.wrap(dataKey), masterKey.currentKeyId());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public String currentKeyId() {
        return masterKey.currentKeyId();
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, String context, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }
}
