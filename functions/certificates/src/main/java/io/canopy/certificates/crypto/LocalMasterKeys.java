package io.canopy.certificates.crypto;

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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Master keys from local files (each 32 random bytes, base64): the current one wraps, every listed one unwraps. A
 * key's id is {@code local:} plus the first 16 hex digits of its SHA-256 — it names the key without revealing it.
 * Wrapping is AES-256-GCM with a random nonce: {@code wrapped = nonce || ciphertext+tag}.
 */
public final class LocalMasterKeys implements MasterKey {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

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
    public byte[] wrap(byte[] dataKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, dataKey);
        byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
        return wrapped;
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrapped) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Master key " + keyId + " is not configured (CANOPY_PREVIOUS_MASTER_KEY_FILES)");
        }
        if (wrapped.length <= NONCE_BYTES) {
            throw new IllegalStateException("wrapped data key is too short");
        }
        byte[] nonce = java.util.Arrays.copyOf(wrapped, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length);
        return crypt(Cipher.DECRYPT_MODE, key, nonce, sealed);
    }

    static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "local:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD("canopy-data-key".getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key does not unwrap: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold 32 bytes (base64), holds " + key.length);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read master key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64", e);
        }
    }
}
