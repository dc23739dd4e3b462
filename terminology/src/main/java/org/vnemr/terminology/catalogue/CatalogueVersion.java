package org.vnemr.terminology.catalogue;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One imported version of a catalogue. A version is {@code PENDING} after import (it can be previewed, never used
 * for billing) and {@code ACTIVE} once activated from {@code effectiveFrom}; an active version that a later one
 * replaced keeps its rows and gets {@code effectiveTo} (the day before its successor starts), so a visit is
 * still billed at the prices of its own day.
 *
 * @param effectiveTo last day in force (inclusive), or null while no later version is activated
 */
public record CatalogueVersion(String id, CatalogueKind kind, Status status, String sourceName, Instant importedAt,
                               LocalDate effectiveFrom, LocalDate effectiveTo, int entryCount) {

    public enum Status { PENDING, ACTIVE }

    /** Whether this version was in force on {@code day}. */
    public boolean inForceOn(LocalDate day) {
        return status == Status.ACTIVE && !day.isBefore(effectiveFrom) && (effectiveTo == null
                || !day.isAfter(effectiveTo));
    }
}
