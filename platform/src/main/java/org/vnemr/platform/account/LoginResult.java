package org.vnemr.platform.account;

/**
 * What a login attempt came to. Only {@link Status#SUCCESS} (and {@link Status#MUST_CHANGE_PASSWORD}, which allows
 * nothing but the password change) opens a session or issues a token. The caller shows the same message for
 * unknown user and wrong password, so that user names cannot be probed.
 */
public record LoginResult(Status status, Account account, String errorCode) {

    public enum Status {
        SUCCESS, MUST_CHANGE_PASSWORD, TOTP_REQUIRED, TOTP_ENROLMENT_REQUIRED, BAD_CREDENTIALS, LOCKED, DISABLED
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }

    static LoginResult of(Status status, Account account) {
        String code = switch (status) {
            case SUCCESS -> null;
            case MUST_CHANGE_PASSWORD -> "VNEMR-5014";
            case TOTP_REQUIRED -> "VNEMR-5012";
            case TOTP_ENROLMENT_REQUIRED -> "VNEMR-5013";
            case BAD_CREDENTIALS -> "VNEMR-5010";
            case LOCKED -> "VNEMR-5011";
            case DISABLED -> "VNEMR-5015";
        };
        return new LoginResult(status, account, code);
    }
}
