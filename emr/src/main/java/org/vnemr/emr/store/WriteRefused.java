package org.vnemr.emr.store;

import java.util.List;

/**
 * The store refused a screen's write (validation, a frozen record, a conflict): nothing was written. Each problem
 * keeps the FHIRPath of the element at fault, so a form can show the Vietnamese text next to its field.
 */
public final class WriteRefused extends RuntimeException {

    /** One refusal: {@code expression} like {@code Patient.identifier[0].value} (may be null), texts, error code. */
    public record Problem(String expression, String vietnamese, String english, String code) {
    }

    private final int status;
    private final List<Problem> problems;

    public WriteRefused(int status, List<Problem> problems) {
        super(problems.isEmpty() ? "refused" : problems.get(0).english());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first problem whose expression contains {@code fragment} (e.g. {@code "identifier"}), for a field. */
    public java.util.Optional<Problem> about(String fragment) {
        return problems.stream().filter(p -> p.expression() != null && p.expression().contains(fragment)).findFirst();
    }
}
