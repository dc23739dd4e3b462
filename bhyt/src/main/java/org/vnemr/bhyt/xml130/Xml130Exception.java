package org.vnemr.bhyt.xml130;

import org.vnemr.fhir.error.Messages;

/** A numbered error of the insurance XML (VNEMR-70xx), with its Vietnamese and English text. */
public class Xml130Exception extends RuntimeException {

    private final String code;
    private final Object[] args;

    public Xml130Exception(String code, Object... args) {
        super(code + " " + Messages.en(code, args));
        this.code = code;
        this.args = args;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public String messageVi() {
        return Messages.vi(code, args);
    }

    public String messageEn() {
        return Messages.en(code, args);
    }
}
