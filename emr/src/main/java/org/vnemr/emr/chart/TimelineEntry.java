package org.vnemr.emr.chart;

import java.time.Instant;
import java.util.List;

/**
 * One row of the patient chart's timeline.
 *
 * @param lines detail lines (diagnoses of a visit, drugs of a prescription)
 * @param link  where the row opens (a document), or null
 * @param pdf   the printed paper of a document, or null
 */
public record TimelineEntry(Kind kind, Instant when, String title, String detail, List<String> lines, String link,
                            String pdf) {

    /** Kinds, with the value the filter sends. */
    public enum Kind {
        VISIT("luot-kham"), DIAGNOSIS("chan-doan"), RESULT("ket-qua"), DOCUMENT("tai-lieu"),
        PRESCRIPTION("don-thuoc"), APPOINTMENT("lich-hen");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind of(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }
}
