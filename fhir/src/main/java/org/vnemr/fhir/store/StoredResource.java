package org.vnemr.fhir.store;

import java.time.Instant;

/**
 * One stored version of a resource as the store hands it out: the JSON text exactly as served
 * ({@code meta.versionId} and {@code meta.lastUpdated} already inside), so read and search paths can
 * stream it without parsing. {@code json} is {@code null} for a deleted version (tombstone).
 */
public record StoredResource(String resourceType, String id, long versionId, Instant lastUpdated, boolean deleted,
                             String json) {

    public String typeAndId() {
        return resourceType + "/" + id;
    }
}
