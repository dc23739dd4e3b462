package org.vnemr.emr.demo;

import org.vnemr.fhir.error.Messages;

/** The demo facility was not loaded; {@link #getMessage()} is the Vietnamese text, {@link #english()} the English. */
public class DemoRefused extends RuntimeException {

    private final String code;
    private final String english;

    public DemoRefused(String code, Object... args) {
        super(code + " " + Messages.vi(code, args));
        this.code = code;
        this.english = code + " " + Messages.en(code, args);
    }

    public String code() {
        return code;
    }

    public String english() {
        return english;
    }
}
