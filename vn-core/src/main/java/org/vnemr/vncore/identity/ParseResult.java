package org.vnemr.vncore.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing user input: the value when there is no error, and every problem found (errors and
 * warnings). Input from people is never an exception — the desk shows the messages beside the field.
 */
public record ParseResult<T>(T value, List<Problem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
        if (value != null && problems.stream().anyMatch(p -> !p.warning())) {
            throw new IllegalArgumentException("a value with errors");
        }
    }

    public static <T> ParseResult<T> ok(T value, List<Problem> warnings) {
        return new ParseResult<>(value, warnings);
    }

    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(value, List.of());
    }

    public static <T> ParseResult<T> failed(List<Problem> problems) {
        return new ParseResult<>(null, problems);
    }

    public static <T> ParseResult<T> failed(Problem problem) {
        return new ParseResult<>(null, List.of(problem));
    }

    /** Errors and warnings together: the value only when none is an error. */
    static <T> ParseResult<T> of(T value, List<Problem> problems) {
        return problems.stream().anyMatch(p -> !p.warning()) ? failed(problems) : ok(value, problems);
    }

    public boolean isValid() {
        return value != null;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> !p.warning()).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(Problem::warning).toList();
    }

    /** The codes of all problems, for tests and logs. */
    public List<String> codes() {
        List<String> codes = new ArrayList<>();
        problems.forEach(p -> codes.add(p.code()));
        return codes;
    }
}
