package org.vnemr.fhir.store;

/**
 * Hook that may forbid changing or deleting an existing resource — the legal record freezes signed documents
 * here, in the store, so no REST call, screen or internal caller can go around it. Called inside the write
 * transaction after the current row is locked, so a concurrent signing cannot slip between check and write.
 * Modules above {@code fhir} provide implementations as Spring beans.
 */
public interface WriteGuard {

    /** A change to a resource that already exists. */
    record Change(WriteRequest.Kind kind, String type, String id, long currentVersion) {
    }

    /** Throws a {@link org.vnemr.fhir.error.FhirError} to refuse {@code change}; returns to allow it. */
    void check(Change change);
}
