package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.index.IndexedValues;

import java.time.Instant;

/**
 * One version about to be written: its served JSON (null for a tombstone), its search values, and whether
 * it replaces a current row ({@code replacesCurrent}: the old row moves to history) or creates one.
 */
public record PendingWrite(String resourceType, String id, long versionId, Instant lastUpdated, boolean deleted,
                    ObjectNode json, String text, IndexedValues values, boolean replacesCurrent) {

    public StoredResource stored() {
        return new StoredResource(resourceType, id, versionId, lastUpdated, deleted, text);
    }
}
