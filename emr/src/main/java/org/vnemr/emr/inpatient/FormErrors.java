package org.vnemr.emr.inpatient;

import org.springframework.context.i18n.LocaleContextHolder;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.fhir.error.Messages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lỗi của một biểu mẫu: field id → the message shown under that field, in the page's language, with its code. A
 * refusal by the store lands on the field its FHIRPath names, or on the form as a whole.
 */
final class FormErrors {

    /** Key of the error shown above the form, not tied to one field. */
    static final String FORM = "form";

    private final Map<String, String> errors = new LinkedHashMap<>();

    void add(String field, String code, Object... args) {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        String text = english ? Messages.en(code, args) : Messages.vi(code, args);
        errors.putIfAbsent(field, text + " (" + code + ")");
    }

    /** An error whose arguments differ by language (e.g. a message of another module already in both). */
    void add(String field, String code, Object[] vietnamese, Object[] english) {
        boolean isEnglish = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        String text = isEnglish ? Messages.en(code, english) : Messages.vi(code, vietnamese);
        errors.putIfAbsent(field, text + " (" + code + ")");
    }

    void refused(WriteRefused refused, Map<String, String> fieldsByPath) {
        for (WriteRefused.Problem problem : refused.problems()) {
            String field = FORM;
            for (Map.Entry<String, String> e : fieldsByPath.entrySet()) {
                if (problem.expression() != null && problem.expression().contains(e.getKey())) {
                    field = e.getValue();
                }
            }
            boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
            String text = english ? problem.english() : problem.vietnamese();
            errors.putIfAbsent(field, text + (problem.code() == null ? "" : " (" + problem.code() + ")"));
        }
    }

    boolean any() {
        return !errors.isEmpty();
    }

    boolean has(String field) {
        return errors.containsKey(field);
    }

    Map<String, String> map() {
        return errors;
    }
}
