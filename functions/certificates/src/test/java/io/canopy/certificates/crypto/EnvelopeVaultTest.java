package io.canopy.certificates.crypto;

import io.canopy.certificates.MasterKeyFiles;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.certificates.domain.UndecryptableKeyException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Envelope encryption with local master key files, no database: what a sealed key is and when it refuses to open. */
class EnvelopeVaultTest {

    private static final String CONTEXT = "certificate:1:user:2";
    private final SecureRandom random = new SecureRandom();
    private final Path keyFile = MasterKeyFiles.create();
    private final EnvelopeVault vault = new EnvelopeVault(new LocalMasterKeys(keyFile, List.of(), random), random);

    @Test
    void seal_thenOpen_returnsTheKey_withAFreshDataKeyAndNonceEachTime() {
        // GIVEN a private key
        byte[] key = bytes(4096);
        // WHEN sealed twice
        SealedKey first = vault.seal(key.clone(), CONTEXT);
        SealedKey second = vault.seal(key.clone(), CONTEXT);
        // THEN each opens to the key, and they share no ciphertext, nonce or wrapped data key
        assertArrayEquals(key, vault.open(first, CONTEXT));
        assertArrayEquals(key, vault.open(second, CONTEXT));
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
        assertFalse(Arrays.equals(first.nonce(), second.nonce()));
        assertFalse(Arrays.equals(first.wrappedKey(), second.wrappedKey()));
        assertEquals(12, first.nonce().length);
        assertEquals(key.length + 16, first.ciphertext().length);
    }

    @Test
    void open_throwsUndecryptable_whenAnyPartOrTheRowContextChanges() {
        // GIVEN a sealed key
        SealedKey sealed = vault.seal(bytes(64), CONTEXT);
        List<SealedKey> altered = List.of(
                new SealedKey(flip(sealed.ciphertext(), 0), sealed.nonce(), sealed.wrappedKey(), sealed.keyId()),
                new SealedKey(flip(sealed.ciphertext(), sealed.ciphertext().length - 1), sealed.nonce(), sealed.wrappedKey(), sealed.keyId()),
                new SealedKey(Arrays.copyOf(sealed.ciphertext(), 10), sealed.nonce(), sealed.wrappedKey(), sealed.keyId()),
                new SealedKey(sealed.ciphertext(), flip(sealed.nonce(), 3), sealed.wrappedKey(), sealed.keyId()),
                new SealedKey(sealed.ciphertext(), new byte[0], sealed.wrappedKey(), sealed.keyId()),
                new SealedKey(sealed.ciphertext(), sealed.nonce(), flip(sealed.wrappedKey(), 20), sealed.keyId()),
                new SealedKey(sealed.ciphertext(), sealed.nonce(), new byte[5], sealed.keyId()),
                new SealedKey(sealed.ciphertext(), sealed.nonce(), sealed.wrappedKey(), "local:0123456789abcdef"));
        // WHEN any part is altered THEN it does not open, and says so
        for (SealedKey candidate : altered) {
            assertThrows(UndecryptableKeyException.class, () -> vault.open(candidate, CONTEXT));
        }
        // AND the untouched key does not open for another row
        assertThrows(UndecryptableKeyException.class, () -> vault.open(sealed, "certificate:3:user:2"));
        assertThrows(UndecryptableKeyException.class, () -> vault.open(sealed, "certificate:1:user:4"));
    }

    @Test
    void rewrap_changesOnlyTheWrappedKey_toTheCurrentMasterKey() {
        // GIVEN a key sealed under an old master key, and a vault whose current key is a new one
        Path newKeyFile = MasterKeyFiles.create();
        SealedKey old = vault.seal(bytes(32), CONTEXT);
        EnvelopeVault rotated = new EnvelopeVault(new LocalMasterKeys(newKeyFile, List.of(keyFile), random), random);
        // WHEN re-wrapped
        SealedKey moved = rotated.rewrap(old);
        // THEN same ciphertext and nonce, new key id, and it opens with the new key alone
        assertArrayEquals(old.ciphertext(), moved.ciphertext());
        assertArrayEquals(old.nonce(), moved.nonce());
        assertNotEquals(old.keyId(), moved.keyId());
        assertEquals(rotated.currentKeyId(), moved.keyId());
        EnvelopeVault newOnly = new EnvelopeVault(new LocalMasterKeys(newKeyFile, List.of(), random), random);
        assertArrayEquals(rotated.open(old, CONTEXT), newOnly.open(moved, CONTEXT));
        assertThrows(UndecryptableKeyException.class, () -> newOnly.open(old, CONTEXT));
    }

    @Test
    void localKeyId_isAFingerprint_thatRevealsNothingOfTheKey() throws IOException {
        byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
        String id = vault.currentKeyId();
        assertTrue(id.matches("local:[0-9a-f]{16}"), id);
        assertFalse(HexFormat.of().formatHex(key).contains(id.substring(6)));
        assertEquals(id, LocalMasterKeys.idOf(key));
    }

    @Test
    void localMasterKeys_refusesToStart_whenTheFileIsNotA256BitBase64Key() throws IOException {
        for (String content : List.of("", "not base64 at all!", Base64.getEncoder().encodeToString(new byte[16]))) {
            Path file = Files.createTempFile("bad-master-key", "");
            Files.writeString(file, content);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocalMasterKeys(file, List.of(), random));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            Files.delete(file);
        }
        assertThrows(java.io.UncheckedIOException.class, () -> new LocalMasterKeys(Path.of("/nonexistent/master-key"), List.of(), random));
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
