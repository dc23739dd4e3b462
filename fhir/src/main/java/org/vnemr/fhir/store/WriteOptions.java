package org.vnemr.fhir.store;

/**
 * Per-request switches of the write path.
 *
 * @param referentialIntegrity refuse references to resources that do not exist (default on; relax for
 *                             imports of incomplete data sets)
 * @param strictValidation     also run HAPI's full instance validator (slow: ~23 ms per resource)
 */
public record WriteOptions(boolean referentialIntegrity, boolean strictValidation) {
}
