package org.vnemr.signing.document;

import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.WriteGuard;

import java.util.Optional;
import java.util.Set;

/**
 * Refuses every update, patch and delete of a resource a signature froze (the signed Composition version,
 * its document Bundle snapshot, the signed PDF Binary, the Provenance with the signature), whoever calls the
 * store: REST, a screen, a transaction Bundle or our own code. Each refusal is audited.
 *
 * <p>The answer is <b>409 Conflict</b>: the request is well-formed and the client may not fix it by repeating
 * it with other headers (412 is for a precondition the client sent, such as If-Match); it conflicts with the
 * state of the resource, which is final by law. The way forward is an amendment.
 */
public class FrozenRecordGuard implements WriteGuard {

    private static final Set<String> GUARDED = Set.of("Composition", "Bundle", "Binary", "DocumentReference",
            "Provenance");

    private final FrozenRecords frozen;
    private final FrozenRecordAudit audit;

    public FrozenRecordGuard(FrozenRecords frozen, FrozenRecordAudit audit) {
        this.frozen = frozen;
        this.audit = audit;
    }

    @Override
    public void check(Change change) {
        if (!GUARDED.contains(change.type())) {
            return;
        }
        Optional<FrozenRecords.Frozen> found = frozen.find(change.type(), change.id());
        if (found.isPresent()) {
            audit.refused(change, found.get().documentId());
            throw FhirError.conflict("VNEMR-4101", change.type() + "/" + change.id(),
                    "Composition/" + found.get().documentId());
        }
    }
}
