package org.vnemr.fhir.rest;

import org.vnemr.fhir.error.FhirError;

/** Small parsers for the HTTP headers of the FHIR API. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** {@code W/"3"}, {@code "3"} or {@code 3} → 3; null or blank → null; anything else → 400. */
    public static Long parseETag(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw FhirError.preconditionFailed("VNEMR-1009", "ETag", value, "?");
        }
    }

    /** The {@code return=} preference of a {@code Prefer} header. */
    public static BundleProcessor.Return preferReturn(String prefer, BundleProcessor.Return fallback) {
        if (prefer == null) {
            return fallback;
        }
        for (String part : prefer.split("[;,]")) {
            String p = part.strip();
            if (p.equals("return=minimal")) {
                return BundleProcessor.Return.MINIMAL;
            }
            if (p.equals("return=representation")) {
                return BundleProcessor.Return.REPRESENTATION;
            }
            if (p.equals("return=OperationOutcome")) {
                return BundleProcessor.Return.OPERATION_OUTCOME;
            }
        }
        return fallback;
    }

    /** {@code Prefer: handling=lenient} — ignore unknown search parameters instead of refusing. */
    public static boolean lenient(String prefer) {
        return prefer != null && prefer.contains("handling=lenient");
    }
}
