package org.vnemr.fhir.store;

/**
 * What a create, update or delete did.
 *
 * @param resource the version now current (a tombstone after delete; the unchanged match after a
 *                 conditional create that found one)
 * @param created  a new resource id came into being (HTTP 201)
 * @param changed  a new version was written (false for a conditional create that matched, or a delete of
 *                 something already gone)
 */
public record WriteOutcome(StoredResource resource, boolean created, boolean changed) {
}
