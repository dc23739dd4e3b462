package org.vnemr.platform.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Khoá sao lưu: the 256-bit key the operator holds (a file with its base64 text, mode 600), kept apart from the
 * node — without it a backup cannot be read or restored, so store it as the facility's security rules say (e.g.
 * printed in a safe, or on a token). The manifest names the key by a fingerprint, never the key itself.
 */
public final class BackupKey {

    private final byte[] key;

    private BackupKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("VNEMR-5080: a backup key is 32 bytes (base64 in its file)");
        }
        this.key = key;
    }

    public static BackupKey read(Path file) {
        try {
            return new BackupKey(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("VNEMR-5080: cannot read the backup key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VNEMR-5080: " + file + " is not a backup key", e);
        }
    }

    /** Writes a new random key to {@code file} (which must not exist) with mode 600. */
    public static BackupKey generate(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup key " + file, e);
        }
        return new BackupKey(key);
    }

    byte[] bytes() {
        return key.clone();
    }

    /** First 16 hex digits of SHA-256 over "vnemr-backup-key" and the key: names the key without revealing it. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("vnemr-backup-key".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
