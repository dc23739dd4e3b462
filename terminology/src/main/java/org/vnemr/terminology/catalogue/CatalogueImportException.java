package org.vnemr.terminology.catalogue;

import java.util.List;

/**
 * A file that cannot be imported: every problem found (up to a limit), so the person fixing the spreadsheet sees
 * all rows at once. Nothing of the file was stored.
 */
public class CatalogueImportException extends RuntimeException {

    private final transient List<RowProblem> problems;

    public CatalogueImportException(List<RowProblem> problems) {
        super(problems.isEmpty() ? "catalogue import refused" : problems.get(0).english()
                + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
