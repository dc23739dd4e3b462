package org.vnemr.emr.outpatient;

import org.springframework.context.i18n.LocaleContextHolder;
import org.vnemr.fhir.error.Messages;

/**
 * Texts of the outpatient error codes (VNEMR-6200…6249, {@code messages/errors-emr-outpatient_*.properties}) in
 * the screen's language, with the code in front so a support call can name it.
 */
final class VisitErrors {

    private VisitErrors() {
    }

    static String text(String code, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]); // no locale grouping: 4000 stays "4000"
        }
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return code + ": " + (english ? Messages.en(code, texts) : Messages.vi(code, texts));
    }
}
