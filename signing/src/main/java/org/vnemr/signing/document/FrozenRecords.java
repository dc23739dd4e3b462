package org.vnemr.signing.document;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tables of the signed record: which stored resource versions a signature froze (with the SHA-256 of the
 * stored bytes, so a later change is detected), and the signatures of each document in plan order. Both tables
 * are append-only (database triggers refuse UPDATE and DELETE).
 */
public class FrozenRecords {

    private static final String SQL_SELECT_FROZEN = """
            SELECT resource_type, resource_id, version_id, document_id, sha256 FROM signing_frozen_resource
            WHERE resource_type = ? AND resource_id = ?""";
    private static final String SQL_SELECT_FROZEN_OF_DOCUMENT = """
            SELECT resource_type, resource_id, version_id, document_id, sha256 FROM signing_frozen_resource
            WHERE document_id = ? ORDER BY frozen_at, resource_type, resource_id""";
    private static final String SQL_INSERT_FROZEN = """
            INSERT INTO signing_frozen_resource (resource_type, resource_id, version_id, document_id, sha256)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String SQL_SELECT_SIGNATURES = """
            SELECT document_id, step, role, method, provenance_id, bundle_id, pdf_binary_id, signer_display,
                   certificate_subject, signed_at
            FROM signing_document_signature WHERE document_id = ? ORDER BY step""";
    private static final String SQL_INSERT_SIGNATURE = """
            INSERT INTO signing_document_signature (document_id, step, role, method, provenance_id, bundle_id,
                   pdf_binary_id, signer_display, certificate_subject, signed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** One frozen resource version. */
    public record Frozen(String type, String id, long versionId, String documentId, String sha256) {

        public String reference() {
            return type + "/" + id + "/_history/" + versionId;
        }
    }

    /** One signature of a document, as recorded when it was made. */
    public record SignatureRow(String documentId, int step, String role, String method, String provenanceId,
                               String bundleId, String pdfBinaryId, String signerDisplay, String certificateSubject,
                               Instant signedAt) {
    }

    private static final RowMapper<Frozen> FROZEN = (rs, n) -> new Frozen(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getString(4), rs.getString(5));
    private static final RowMapper<SignatureRow> SIGNATURE = (rs, n) -> new SignatureRow(rs.getString(1),
            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant());

    private final JdbcTemplate jdbc;

    public FrozenRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Frozen> find(String type, String id) {
        return jdbc.query(SQL_SELECT_FROZEN, FROZEN, type, id).stream().findFirst();
    }

    public List<Frozen> ofDocument(String documentId) {
        return jdbc.query(SQL_SELECT_FROZEN_OF_DOCUMENT, FROZEN, documentId);
    }

    /** In the caller's transaction. */
    public void freeze(List<Frozen> rows) {
        for (Frozen f : rows) {
            jdbc.update(SQL_INSERT_FROZEN, f.type(), f.id(), f.versionId(), f.documentId(), f.sha256());
        }
    }

    public List<SignatureRow> signatures(String documentId) {
        return jdbc.query(SQL_SELECT_SIGNATURES, SIGNATURE, documentId);
    }

    /** In the caller's transaction; a second signature of the same step fails on the primary key. */
    public void addSignature(SignatureRow row) {
        jdbc.update(SQL_INSERT_SIGNATURE, row.documentId(), row.step(), row.role(), row.method(), row.provenanceId(),
                row.bundleId(), row.pdfBinaryId(), row.signerDisplay(), row.certificateSubject(),
                Timestamp.from(row.signedAt()));
    }

    /** SHA-256 (hex) of a stored resource's JSON text as UTF-8 — the bytes the store keeps. */
    public static String sha256Hex(String storedJson) {
        return sha256Hex(storedJson.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
