package org.vnemr.fhir.store;

import java.util.List;

/**
 * Told, inside the write transaction, what a request has just stored — so a module can record what must follow
 * from it (an outbox message to the insurance gateway, a notice to the hub) in the same transaction: the change
 * and its consequence commit together or not at all. A listener that throws rolls the whole request back, so keep
 * listeners to cheap, local work (no network); the outbox relay does the slow part after commit.
 * Modules above {@code fhir} provide implementations as Spring beans.
 */
public interface WriteListener {

    /** Every version written by one request (creates, updates, tombstones), in request order. */
    void written(List<StoredResource> versions);
}
