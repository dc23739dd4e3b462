package org.vnemr.bhyt.prescription;

/**
 * What the national prescription system answered.
 *
 * @param accepted true when the prescription is registered (or was already, with the same content)
 * @param code     the system's result code
 * @param message  its message (Vietnamese)
 */
public record PrescriptionReply(boolean accepted, String code, String message) {
}
