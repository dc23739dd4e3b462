package org.vnemr.terminology.codesystem;

/** Another name of a concept, e.g. the English name of an ICD-10 VN code ({@code language} = {@code en}). */
public record Designation(String language, String use, String value) {
}
