package org.vnemr.platform.audit;

/**
 * Request attributes through which the login and authorisation layers tell the audit filter what they know
 * about the current request (the user name from {@link #USER}, else {@code HttpServletRequest.getUserPrincipal()}).
 */
public final class AuditAttributes {

    /** The authenticated user name or client id (String), when an inner filter authenticated the request. */
    public static final String USER = "org.vnemr.platform.audit.user";
    /** The role the user acts in (String). */
    public static final String ROLE = "org.vnemr.platform.audit.role";
    /** {@code Practitioner/<id>} of the user (String). */
    public static final String PRACTITIONER = "org.vnemr.platform.audit.practitioner";
    /** The reason typed for a break-the-glass access (String); its presence flags the events. */
    public static final String BREAK_GLASS_REASON = "org.vnemr.platform.audit.break-glass";
    /** Header in which a client may state the purpose of use (e.g. {@code TREAT}, {@code HPAYMT}). */
    public static final String PURPOSE_HEADER = "X-Vnemr-Purpose-Of-Use";

    private AuditAttributes() {
    }
}
