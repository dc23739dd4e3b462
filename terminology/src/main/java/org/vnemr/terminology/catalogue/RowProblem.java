package org.vnemr.terminology.catalogue;

import org.vnemr.fhir.error.Messages;

import java.util.Arrays;

/**
 * One refused cell or row of an imported file: the numbered error and its arguments (row number as Excel shows
 * it, column header as the file spells it, the value, what was expected).
 */
public record RowProblem(String code, Object... args) {

    public String vietnamese() {
        return Messages.vi(code, args);
    }

    public String english() {
        return Messages.en(code, args);
    }

    @Override
    public String toString() {
        return code + " " + vietnamese();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowProblem p && p.code.equals(code) && Arrays.equals(p.args, args);
    }

    @Override
    public int hashCode() {
        return code.hashCode() * 31 + Arrays.hashCode(args);
    }
}
