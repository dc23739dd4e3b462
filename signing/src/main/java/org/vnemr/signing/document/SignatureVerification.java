package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a signed document in the database: every frozen resource version still has the SHA-256 it had when
 * frozen (so a change made around the store — a restored backup, a lifted trigger — is named), then the
 * signatures themselves with {@link SignedRecordChecker}.
 */
public class SignatureVerification {

    private final ResourceStore store;
    private final FrozenRecords frozen;
    private final SignedRecordChecker checker;

    public SignatureVerification(ResourceStore store, FrozenRecords frozen, SignedRecordChecker checker) {
        this.store = store;
        this.frozen = frozen;
        this.checker = checker;
    }

    public DocumentVerification verify(String compositionId) {
        List<DocumentVerification.Problem> problems = new ArrayList<>();
        for (FrozenRecords.Frozen f : frozen.ofDocument(compositionId)) {
            Optional<StoredResource> stored = store.readVersion(f.type(), f.id(), f.versionId());
            if (stored.isEmpty() || stored.get().deleted()) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4125", f.reference()));
            } else if (!FrozenRecords.sha256Hex(stored.get().json()).equals(f.sha256())) {
                problems.add(DocumentVerification.Problem.of("VNEMR-4120", f.reference()));
            }
        }
        List<FrozenRecords.SignatureRow> rows = frozen.signatures(compositionId);
        ObjectNode snapshot = null;
        List<ObjectNode> provenances = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        for (FrozenRecords.SignatureRow row : rows) {
            if (snapshot == null) {
                snapshot = read("Bundle", row.bundleId(), problems);
            }
            ObjectNode provenance = read("Provenance", row.provenanceId(), problems);
            if (provenance != null) {
                provenances.add(provenance);
            }
            if (row.pdfBinaryId() != null) {
                ObjectNode binary = read("Binary", row.pdfBinaryId(), problems);
                if (binary != null) {
                    pdfs.add(java.util.Base64.getDecoder().decode(binary.path("data").asText()));
                }
            }
        }
        return checker.check(new SignedRecordChecker.Record(compositionId, snapshot, provenances, pdfs), problems);
    }

    private ObjectNode read(String type, String id, List<DocumentVerification.Problem> problems) {
        Optional<FrozenRecords.Frozen> f = frozen.find(type, id);
        Optional<StoredResource> stored = f.flatMap(x -> store.readVersion(type, id, x.versionId()));
        if (stored.isEmpty() || stored.get().deleted()) {
            problems.add(DocumentVerification.Problem.of("VNEMR-4125", type + "/" + id));
            return null;
        }
        try {
            return FhirJson.parseResource(stored.get().json());
        } catch (RuntimeException e) {
            problems.add(DocumentVerification.Problem.of("VNEMR-4120", type + "/" + id));
            return null;
        }
    }
}
