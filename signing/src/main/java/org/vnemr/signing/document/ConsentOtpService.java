package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.signing.SigningException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Confirmation by the patient or a relative with a one-time code, which TT 13/2025/TT-BYT Điều 3 allows in
 * place of a personal digital signature: a 6-digit code valid 5 minutes, at most 5 attempts, stored only as a
 * salted SHA-256. A confirmed code becomes a Provenance (agent = the Patient or RelatedPerson, signature type
 * consent, no certificate) over the frozen Composition version and snapshot, frozen like every signature.
 */
public class ConsentOtpService {

    public static final Duration VALIDITY = Duration.ofMinutes(5);
    public static final int MAX_ATTEMPTS = 5;
    static final String OTP_EXTENSION = "https://vnemr.org/fhir/StructureDefinition/otp-confirmation";

    private static final String SQL_UPSERT_OTP = """
            INSERT INTO signing_consent_otp (document_id, step, code_hash, salt, expires_at, attempts, confirmed_at)
            VALUES (?, ?, ?, ?, ?, 0, NULL)
            ON CONFLICT (document_id, step) DO UPDATE
              SET code_hash = EXCLUDED.code_hash, salt = EXCLUDED.salt, expires_at = EXCLUDED.expires_at,
                  attempts = 0, confirmed_at = NULL""";
    private static final String SQL_SELECT_OTP_FOR_UPDATE = """
            SELECT code_hash, salt, expires_at, attempts, confirmed_at FROM signing_consent_otp
            WHERE document_id = ? AND step = ? FOR UPDATE""";
    private static final String SQL_COUNT_ATTEMPT = """
            UPDATE signing_consent_otp SET attempts = attempts + 1 WHERE document_id = ? AND step = ?""";
    private static final String SQL_CONFIRM = """
            UPDATE signing_consent_otp SET confirmed_at = ? WHERE document_id = ? AND step = ?""";

    /** A code issued for a document; {@code code} goes to the patient's phone or the signing screen, never stored. */
    public record IssuedOtp(String documentId, int step, String code, Instant expiresAt) {
    }

    private enum Check { OK, WRONG, EXPIRED, EXHAUSTED, NONE }

    private final SignedDocumentService documents;
    private final FrozenRecords frozen;
    private final WriteService writes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsentOtpService(SignedDocumentService documents, FrozenRecords frozen, WriteService writes,
                             JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.documents = documents;
        this.frozen = frozen;
        this.writes = writes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new code for the next step of {@code compositionId}, which must be an OTP step (e.g. patient-or-relative). */
    public IssuedOtp issue(String compositionId, String role) {
        SigningPlans.Step step = otpStep(compositionId, role);
        String code = String.format("%06d", random.nextInt(1_000_000));
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        Instant expires = Instant.now(clock).plus(VALIDITY);
        jdbc.update(SQL_UPSERT_OTP, compositionId, step.index(), hash(saltHex, code), saltHex, Timestamp.from(expires));
        return new IssuedOtp(compositionId, step.index(), code, expires);
    }

    /**
     * Confirms the step with {@code code}; {@code who} is {@code Patient/…} or {@code RelatedPerson/…}. A wrong
     * code counts an attempt (kept even though the call fails).
     */
    public SignedDocument confirm(String compositionId, String role, String code, String who, String whoDisplay) {
        SigningPlans.Step step = otpStep(compositionId, role);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        int[] attemptsLeft = {0};
        Check check = transactions.execute(tx -> {
            List<Object[]> rows = jdbc.query(SQL_SELECT_OTP_FOR_UPDATE, (rs, n) -> new Object[] {rs.getString(1),
                    rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getTimestamp(5)},
                    compositionId, step.index());
            if (rows.isEmpty() || rows.get(0)[4] != null) {
                return Check.NONE;
            }
            Object[] row = rows.get(0);
            int attempts = (Integer) row[3];
            if (attempts >= MAX_ATTEMPTS) {
                return Check.EXHAUSTED;
            }
            if (now.isAfter((Instant) row[2])) {
                return Check.EXPIRED;
            }
            if (code == null || !java.security.MessageDigest.isEqual(
                    hash((String) row[1], code.trim()).getBytes(StandardCharsets.US_ASCII),
                    ((String) row[0]).getBytes(StandardCharsets.US_ASCII))) {
                jdbc.update(SQL_COUNT_ATTEMPT, compositionId, step.index());
                attemptsLeft[0] = MAX_ATTEMPTS - attempts - 1;
                return attemptsLeft[0] == 0 ? Check.EXHAUSTED : Check.WRONG;
            }
            return Check.OK;
        });
        switch (check) {
            case NONE -> throw new SigningException("VNEMR-4133", step.role().code(), "Composition/" + compositionId);
            case EXHAUSTED -> throw new SigningException("VNEMR-4132");
            case EXPIRED -> throw new SigningException("VNEMR-4131");
            case WRONG -> throw new SigningException("VNEMR-4130", attemptsLeft[0]);
            default -> {
            }
        }
        return record(compositionId, step, now, who, whoDisplay);
    }

    private SignedDocument record(String compositionId, SigningPlans.Step step, Instant now, String who,
                                  String whoDisplay) {
        List<FrozenRecords.SignatureRow> done = frozen.signatures(compositionId);
        String bundleId = done.get(0).bundleId();
        long compositionVersion = frozen.find("Composition", compositionId).orElseThrow().versionId();
        String provenanceId = UUID.randomUUID().toString();
        ObjectNode provenance = SignedDocumentService.provenance(provenanceId, List.of("Composition/" + compositionId
                + "/_history/" + compositionVersion, "Bundle/" + bundleId + "/_history/1"), now, step.role(), who,
                whoDisplay);
        ObjectNode signature = (ObjectNode) provenance.withArray("signature").get(0);
        ObjectNode extension = signature.putArray("extension").addObject();
        extension.put("url", OTP_EXTENSION);
        extension.put("valueString", "OTP 6 chữ số xác nhận trên màn hình lúc " + now + " (TT 13/2025/TT-BYT Điều 3)");
        try {
            transactions.executeWithoutResult(tx -> {
                WriteOutcome outcome = writes.execute(WriteRequest.update("Provenance", provenanceId, provenance, null),
                        new WriteOptions(true, false));
                StoredResource r = outcome.resource();
                frozen.freeze(List.of(new FrozenRecords.Frozen("Provenance", provenanceId, r.versionId(),
                        compositionId, FrozenRecords.sha256Hex(r.json()))));
                frozen.addSignature(new FrozenRecords.SignatureRow(compositionId, step.index(), step.role().code(),
                        "otp", provenanceId, bundleId, null, whoDisplay, null, now));
                jdbc.update(SQL_CONFIRM, Timestamp.from(now), compositionId, step.index());
            });
        } catch (DuplicateKeyException e) {
            throw new SigningException(e, "VNEMR-4102", "Composition/" + compositionId);
        }
        return new SignedDocument(compositionId, compositionVersion, bundleId, null, provenanceId, step.index(),
                step.role().code(), true);
    }

    private SigningPlans.Step otpStep(String compositionId, String role) {
        var composition = documents.currentComposition(compositionId);
        String typeCode = SignedDocumentService.typeCode(composition);
        List<FrozenRecords.SignatureRow> done = frozen.signatures(compositionId);
        if (done.isEmpty()) {
            throw new SigningException("VNEMR-4106", "Composition/" + compositionId);
        }
        SigningPlans.Step step = documents.nextStep(compositionId, typeCode, done, role);
        if (step.role().method() != SigningPlans.Method.OTP) {
            throw new SigningException("VNEMR-4107", step.role().code(), "Composition/" + compositionId,
                    "chữ ký số / digital signature");
        }
        return step;
    }

    private static String hash(String saltHex, String code) {
        return FrozenRecords.sha256Hex((saltHex + ":" + code).getBytes(StandardCharsets.UTF_8));
    }
}
