/**
 * Terminology service of vnemr: code systems, value sets and concept maps stored as FHIR resources, the FHIR
 * terminology operations over them, and the importers of the national code lists (ICD-10 VN, ICD-9-CM, the
 * price catalogues). Public face: {@link org.vnemr.terminology.TerminologySource} (publish a body of
 * terminology), {@link org.vnemr.terminology.CodeLookup} and {@link org.vnemr.terminology.icd.DiagnosisRules}
 * (checks on the write path), {@link org.vnemr.terminology.TerminologyConfiguration} (the Spring wiring).
 * May use only the {@code fhir} module.
 */
package org.vnemr.terminology;
