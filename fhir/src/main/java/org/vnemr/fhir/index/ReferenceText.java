package org.vnemr.fhir.index;

/** Reading the text of {@code Reference.reference}. */
final class ReferenceText {

    private ReferenceText() {
    }

    static boolean isAbsolute(String reference) {
        return reference.indexOf(':') >= 0;
    }

    /**
     * {@code Patient/1/_history/2} → {@code Patient/1}; an absolute URL stays as it is; a contained reference
     * ({@code #x}) or blank → {@code null}.
     */
    static String normalise(String reference) {
        if (reference == null || reference.isBlank() || reference.charAt(0) == '#') {
            return null;
        }
        String r = reference.strip();
        if (isAbsolute(r)) {
            return r;
        }
        int history = r.indexOf("/_history/");
        return history > 0 ? r.substring(0, history) : r;
    }

    /**
     * Whether the reference points to a resource of {@code type}: {@code Type/id}, or an absolute URL ending in
     * {@code /Type/id} (with or without {@code /_history/n}).
     */
    static boolean targetTypeIs(String reference, String type) {
        if (reference == null || reference.isEmpty() || reference.charAt(0) == '#') {
            return false;
        }
        String r = reference;
        int history = r.indexOf("/_history/");
        if (history > 0) {
            r = r.substring(0, history);
        }
        int lastSlash = r.lastIndexOf('/');
        if (lastSlash <= 0) {
            return false;
        }
        int typeStart = r.lastIndexOf('/', lastSlash - 1) + 1;
        return lastSlash - typeStart == type.length() && r.startsWith(type, typeStart);
    }
}
