package org.vnemr.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of the audit trail: {@code hash = SHA-256(prev_hash ‖ canonical content)}, where the canonical
 * content is every column of the row except the two hashes, each written as its length (4 bytes, −1 for null)
 * followed by its UTF-8 bytes — so that no two different rows can produce the same byte string (a bare separator
 * could be forged by putting it inside a value). The first row links to {@link #GENESIS}.
 *
 * <p>Editing any column of a row breaks that row's hash; deleting or reordering rows breaks the next row's link
 * or leaves a gap in {@code seq}. Removing the newest rows (the tail) leaves a valid shorter chain: the last seq and
 * hash that {@code vnemr audit verify} prints must be kept elsewhere (the backup manifest keeps them) to detect that.
 */
public final class AuditChain {

    /** prev_hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The hash a row must carry, given its content and the hash of the row before it. */
    public static String hash(String prevHash, long seq, Instant recorded, String user, String role, String action,
                              String outcome, List<String> patients, boolean breakGlass, String event) {
        MessageDigest sha = sha256();
        sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        field(sha, Long.toString(seq));
        field(sha, recorded == null ? null : recorded.toString());
        field(sha, user);
        field(sha, role);
        field(sha, action);
        field(sha, outcome);
        field(sha, Integer.toString(patients.size()));
        for (String patient : patients) {
            field(sha, patient);
        }
        field(sha, breakGlass ? "1" : "0");
        field(sha, event);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The hash {@code row} should carry after {@code prevHash} (its own prev_hash is not trusted). */
    public static String expectedHash(String prevHash, AuditRow row) {
        return hash(prevHash, row.seq(), row.recorded(), row.user(), row.role(), row.action(), row.outcome(),
                row.patients(), row.breakGlass(), row.event());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
