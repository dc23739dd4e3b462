package org.vnemr.platform.auth.oidc;

/**
 * Đăng nhập qua nhà cung cấp định danh (OIDC) bị từ chối; {@link #code()} is a documented {@code VNEMR-52xx} code
 * shown to the person, the message (English, for the log and the audit trail) says what exactly failed.
 */
public final class OidcException extends Exception {

    private final String code;

    public OidcException(String code, String message) {
        super(message);
        this.code = code;
    }

    public OidcException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
