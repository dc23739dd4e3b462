/**
 * Deterministic synthetic Vietnamese patients with full clinical histories, as FHIR R4 JSON trees (Jackson,
 * not HAPI model objects, for speed), and writers for transaction Bundles and NDJSON bulk files.
 *
 * <p>All code lists (names, 63 legacy provinces for CCCD prefixes, 34 provinces and their wards, ICD-10
 * diagnoses, ICD-9-CM procedures, drugs, lab tests) are read from {@code vnemr/bench/} on the class path.
 * The same seed always gives byte-identical output.
 */
package org.vnemr.bench.synth;
