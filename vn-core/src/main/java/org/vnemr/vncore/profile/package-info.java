/**
 * VN Core conformance: the rules checked on every FHIR write ({@link org.vnemr.vncore.profile.VnCoreProfileValidator})
 * and vnemr's StructureDefinitions that write the same constraints down.
 */
package org.vnemr.vncore.profile;
