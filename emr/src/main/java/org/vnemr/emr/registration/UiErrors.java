package org.vnemr.emr.registration;

import org.springframework.context.i18n.LocaleContextHolder;
import org.vnemr.fhir.error.Messages;

/** A numbered error as a form shows it: in the page's language, with its code, like the login page. */
final class UiErrors {

    private UiErrors() {
    }

    static String text(String code, Object... args) {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return (english ? Messages.en(code, args) : Messages.vi(code, args)) + " (" + code + ")";
    }
}
