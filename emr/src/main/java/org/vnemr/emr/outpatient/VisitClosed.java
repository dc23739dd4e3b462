package org.vnemr.emr.outpatient;

/** A change to a visit that has ended (VNEMR-6201): the record is closed, corrections go through amendment. */
final class VisitClosed extends RuntimeException {

    VisitClosed(String encounterId) {
        super(encounterId);
    }
}
