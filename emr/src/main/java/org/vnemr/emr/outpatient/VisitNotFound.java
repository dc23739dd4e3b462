package org.vnemr.emr.outpatient;

/** The visit (or the order) in the address does not exist: answered 404 with VNEMR-6200, never a stack trace. */
final class VisitNotFound extends RuntimeException {

    VisitNotFound(String what) {
        super(what);
    }
}
