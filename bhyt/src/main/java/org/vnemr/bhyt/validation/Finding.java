package org.vnemr.bhyt.validation;

/**
 * One broken rule in a dossier, for a screen or an OperationOutcome: the rule id ({@code XML1.MA_THE_BHYT.SIZE},
 * {@code CROSS.T_TONGCHI_BH}), where (table, 1-based row, field) and a Vietnamese message naming the field.
 */
public record Finding(String ruleId, String table, int row, String field, String value, String messageVi,
                      String messageEn) {

    /** FHIRPath-like location for OperationOutcome.issue.expression, e.g. {@code XML2[3].THANH_TIEN_BH}. */
    public String location() {
        return table + (row > 0 ? "[" + row + "]" : "") + (field == null || field.isEmpty() ? "" : "." + field);
    }
}
