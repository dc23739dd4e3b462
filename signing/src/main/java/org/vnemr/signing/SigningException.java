package org.vnemr.signing;

import org.vnemr.fhir.error.Messages;

/**
 * A signature could not be made or checked for a reason the user must see: an expired or revoked certificate, a
 * wrong PIN, a token that is not plugged in, a remote approval that timed out. Carries a numbered code
 * ({@code VNEMR-4xxx}) whose Vietnamese and English texts come from the message files.
 */
public class SigningException extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    public SigningException(String code, Object... args) {
        super(code + ": " + Messages.en(code, args));
        this.code = code;
        this.args = args.clone();
    }

    public SigningException(Throwable cause, String code, Object... args) {
        super(code + ": " + Messages.en(code, args), cause);
        this.code = code;
        this.args = args.clone();
    }

    public String code() {
        return code;
    }

    public String messageVi() {
        return Messages.vi(code, args);
    }

    public String messageEn() {
        return Messages.en(code, args);
    }
}
