package org.vnemr.bhyt.validation;

/**
 * A rule the validator knows, with its id and what it checks. Field rules are named
 * {@code <table>.<tag>.<KIND>}; cross-table rules {@code CROSS.<name>}.
 *
 * @param table the table whose field the rule reads first (the one a screen should point at)
 * @param field that field's tag
 */
public record Rule(String id, Kind kind, String table, String field, String descriptionVi) {

    public enum Kind {
        /** Empty although the BHXH gateway requires it (BAT_BUOC_CTN4750). */
        REQUIRED,
        /** Longer than the 3176 maximum size. */
        SIZE,
        /** Not a number ({@code .} decimals, no grouping) or too many decimals. */
        TYPE,
        /** Not {@code yyyyMMddHHmm} / {@code yyyyMMdd} / a {@code ;}-list of dates. */
        FORMAT,
        /** Not in the code list (sex, visit type, outcome, discharge type, ICD-10, card…). */
        CODE,
        /** Earlier than the time it must follow. */
        ORDER,
        /** Differs from the same field in XML1 (validation sheet: "phải giống thông tin này ở bảng 1"). */
        SAME_AS_XML1,
        /** A rule between tables or between the totals and the lines. */
        CROSS
    }
}
