package io.canopy.certificates.crypto;

import io.canopy.certificates.domain.UndecryptableKeyException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Master keys from local files, in the format the local runtime writes ({@code .canopy/secrets/master-key}: 32
 * random bytes, base64, one line): the current one wraps, it and every previous one unwrap. A key's id is
 * {@code local:} plus the first 16 hex digits of its SHA-256 — it names the key without revealing it. Wrapping is
 * AES-256-GCM with a random 96-bit nonce: {@code wrapped = nonce || ciphertext || tag}.
 */
public final class LocalMasterKeys implements MasterKey {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "canopy-data-key".getBytes(StandardCharsets.US_ASCII);

    private final String currentKeyId;
    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final SecureRandom random;

    public LocalMasterKeys(Path current, List<Path> previous, SecureRandom random) {
        this.random = random;
        byte[] currentKey = read(current);
        this.currentKeyId = idOf(currentKey);
        keys.put(currentKeyId, currentKey);
        for (Path file : previous) {
            byte[] key = read(file);
            keys.putIfAbsent(idOf(key), key);
        }
    }

    @Override
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce).doFinal(dataKey);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            return new WrappedKey(currentKeyId, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrapped) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new UndecryptableKeyException("master key " + keyId + " is not configured (CANOPY_MASTER_KEY_FILE,"
                    + " CANOPY_PREVIOUS_MASTER_KEY_FILES)");
        }
        if (wrapped.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableKeyException("the wrapped data key is too short");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(wrapped, NONCE_BYTES))
                    .doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new UndecryptableKeyException("the data key does not unwrap with master key " + keyId, e);
        }
    }

    /** {@code local:} + the first 16 hex digits of the key's SHA-256. */
    public static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "local:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(AAD);
        return cipher;
    }

    /** Fails start-up with a message naming the file, never its content. */
    private static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read master key file " + file, e);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Master key file " + file + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("Master key file " + file + " must hold " + KEY_BYTES + " bytes (base64), holds " + key.length);
        }
        return key;
    }
}
