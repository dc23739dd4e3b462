package org.vnemr.vncore.identity;

import org.vnemr.fhir.error.Messages;

/**
 * One thing wrong (or worth a second look) with a value typed or scanned at the registration desk. The code is a
 * numbered error {@code VNEMR-30xx}; the messages come from {@code messages/errors-vn-core_{vi,en}.properties}.
 *
 * @param warning true when the value is still accepted (e.g. the CCCD's birth year disagrees with the birth date)
 */
public record Problem(String code, boolean warning, String messageVi, String messageEn) {

    /** An error: the value is refused. */
    public static Problem error(String code, Object... args) {
        return new Problem(code, false, Messages.vi(code, args), Messages.en(code, args));
    }

    /** A warning: the value is accepted, the clerk should check it. */
    public static Problem warning(String code, Object... args) {
        return new Problem(code, true, Messages.vi(code, args), Messages.en(code, args));
    }

    @Override
    public String toString() {
        return code + (warning ? " (warning): " : ": ") + messageEn;
    }
}
