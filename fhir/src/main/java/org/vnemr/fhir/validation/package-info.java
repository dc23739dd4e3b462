/**
 * Validation of FHIR R4 resources on the write path and for {@code $validate}.
 *
 * <p>{@link org.vnemr.fhir.validation.FastStructureValidator} checks the JSON tree against element rules
 * precompiled from HAPI's R4 model in tens of microseconds and collects the references for referential
 * integrity; {@link org.vnemr.fhir.validation.InstanceValidation} wraps HAPI's full instance validator
 * (milliseconds per resource) for {@code $validate} and the opt-in strict mode;
 * {@link org.vnemr.fhir.validation.ProfileValidator} is the hook for VN Core and facility rules. Issues carry
 * the codes {@code VNEMR-1100…1199} in Vietnamese and English. Uses only HAPI and {@code org.vnemr.fhir.error}.
 */
package org.vnemr.fhir.validation;
