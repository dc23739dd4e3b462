package org.vnemr.fhir.store;

/** The version number and deleted flag of a resource's current row. */
public record CurrentVersion(long versionId, boolean deleted) {
}
