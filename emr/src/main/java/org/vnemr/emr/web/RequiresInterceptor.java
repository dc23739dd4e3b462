package org.vnemr.emr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.platform.access.AccessDecision;
import org.vnemr.platform.access.PatientScope;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditOutcome;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces {@link Requires} on every screen handler through platform's {@link AccessDecision} — the decision point
 * of the FHIR API too. The subject is the logged-in {@link CurrentUser}; the target patient comes from the
 * {@code patientId} path variable, or from the {@code encounterId} one through {@code Encounter.subject}; the
 * patient's departments and practitioners (scopes) from {@link PatientScope}. Fail closed: a handler without
 * {@code @Requires} is refused unless it is one of the {@link #OPEN_ROUTES}. A refusal throws {@link AccessRefused}
 * (a Vietnamese 403 page, offering break-the-glass when the role may) and is written to the audit trail. An access
 * allowed only by a break-the-glass grant is flagged on the request ({@link ClinicalStore#BREAK_GLASS_ATTRIBUTE}),
 * so what the screen reads is audited with purpose BTG.
 */
public final class RequiresInterceptor implements HandlerInterceptor {

    /** Response header naming the code of an authorisation refusal (the access-matrix test reads it). */
    public static final String REFUSED_HEADER = "X-Vnemr-Refused";

    /**
     * Routes any logged-in person (or, for login and the public signature check, anyone) may open: the way in and
     * out (login, password change, TOTP enrolment, logout), the home page, the error page, the break-the-glass form
     * (the way out of a refusal) and the public check of a printed document's signature (what a QR code on paper
     * leads to). Each checks who is asking itself.
     */
    public static final Set<String> OPEN_ROUTES = Set.of("/", "/dang-nhap", "/dang-nhap/oidc",
            "/dang-nhap/oidc/callback", "/doi-mat-khau", "/dang-xuat", "/error",
            "/pha-kinh", "/xac-minh", "/xac-minh/pdf", "/xac-minh/ho-so", "/xac-thuc-hai-lop");

    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final AccessDecision decision;
    private final PatientScope scopes;
    private final ClinicalStore store;
    private final AuditTrail audit;

    public RequiresInterceptor(AccessDecision decision, PatientScope scopes, ClinicalStore store, AuditTrail audit) {
        this.decision = decision;
        this.scopes = scopes;
        this.store = store;
        this.audit = audit;
    }

    /** A screen of this module (every {@code org.vnemr.emr} controller, present and future). */
    public static boolean isScreen(HandlerMethod method) {
        return method.getBeanType().getName().startsWith("org.vnemr.emr.");
    }

    /** The role restriction of a system screen: the method's, else its controller's; null if none. */
    public static RequiresRole rolesOf(HandlerMethod method) {
        RequiresRole roles = method.getMethodAnnotation(RequiresRole.class);
        return roles != null ? roles : method.getBeanType().getAnnotation(RequiresRole.class);
    }

    /** One of the listed roles, active at this local time. */
    public static boolean allowedByRole(CurrentUser user, RequiresRole roles, java.time.LocalTime now) {
        for (Role role : roles.value()) {
            if (user.roles().contains(role) && role.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    /** The annotation that governs a handler: the method's, else its controller's. */
    public static Requires requirementOf(HandlerMethod method) {
        Requires requires = method.getMethodAnnotation(Requires.class);
        return requires != null ? requires : method.getBeanType().getAnnotation(Requires.class);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isScreen(method)) {
            // static files have no data behind them; the token endpoints (platform) guard themselves
            return true;
        }
        Requires requires = requirementOf(method);
        String route = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        RequiresRole roles = rolesOf(method);
        if (requires == null && roles != null) {
            CurrentUser user = CurrentUserArgumentResolver.of(request);
            if (user == null) {
                throw refuse(request, response, null, "VNEMR-5050", null);
            }
            if (!allowedByRole(user, roles, decision.now())) {
                throw refuse(request, response, user, "VNEMR-5202", null);
            }
            return true;
        }
        if (requires == null) {
            if (route != null && OPEN_ROUTES.contains(route)) {
                return true;
            }
            throw refuse(request, response, null, "VNEMR-5200", null);
        }
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user == null) {
            throw refuse(request, response, null, "VNEMR-5050", null);
        }
        AccessDecision.Subject subject = new AccessDecision.Subject(user.username(), Set.copyOf(user.roles()),
                Set.copyOf(user.departmentIds()), user.practitionerId());
        AccessDecision.Target target = target(request, requires.patient());
        if (target == null) {
            throw refuse(request, response, user, "VNEMR-5201", null);
        }
        AccessDecision.Decision answer = decision.decide(subject, requires.value(), target, null);
        if (!answer.allowed()) {
            boolean mayBreakGlass = "VNEMR-5060".equals(answer.errorCode()) && target.patient() != null
                    && user.roles().stream().anyMatch(Role::mayBreakGlass);
            throw refuse(request, response, user, answer.errorCode(), mayBreakGlass ? target.patient() : null);
        }
        if (answer.breakGlass()) {
            request.setAttribute(ClinicalStore.BREAK_GLASS_ATTRIBUTE, answer.breakGlassReason());
        }
        return true;
    }

    /** The patient the request is about, with its scopes; null when the declared path variable is missing. */
    private AccessDecision.Target target(HttpServletRequest request, String variable) {
        if (variable.isEmpty()) {
            return AccessDecision.Target.noPatient();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String value = variables == null ? null : variables.get(variable);
        if (value == null || !FHIR_ID.matcher(value).matches()) {
            return null; // not an id any resource can have: nobody's record, refused before any query
        }
        if ("encounterId".equals(variable)) {
            List<String> patients = store.patientsOf(Encounter.class, value);
            String patient = patients.isEmpty() ? null : patients.get(0);
            // an unknown visit: the screen answers "not found" itself; nobody's data is behind it
            return patient == null ? AccessDecision.Target.noPatient() : scopes.of(patient);
        }
        return scopes.of(value);
    }

    private AccessRefused refuse(HttpServletRequest request, HttpServletResponse response, CurrentUser user,
                                 String code, String breakGlassPatient) {
        response.setHeader(REFUSED_HEADER, code);
        audit.record(AuditRecord.of(user == null ? AuditRecord.ANONYMOUS : user.username(), AuditAction.READ)
                .withRole(user == null ? null : user.roleCodes())
                .withWhat(request.getMethod() + " " + request.getRequestURI())
                .withPatients(breakGlassPatient == null ? List.of() : List.of(breakGlassPatient))
                .withClientAddress(request.getRemoteAddr())
                .withOutcome(AuditOutcome.MINOR_FAILURE, code));
        return new AccessRefused(code, breakGlassPatient, request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }

    /** A refused screen request; rendered by {@code AccessRefusedPage} as a Vietnamese 403 page. */
    public static final class AccessRefused extends RuntimeException {
        private final String code;
        private final String breakGlassPatient;
        private final String uri;

        public AccessRefused(String code, String breakGlassPatient, String uri) {
            super(code, null, false, false);
            this.code = code;
            this.breakGlassPatient = breakGlassPatient;
            this.uri = uri;
        }

        public String code() {
            return code;
        }

        /** The patient to offer break-the-glass for, or null when the role may not. */
        public String breakGlassPatient() {
            return breakGlassPatient;
        }

        public String uri() {
            return uri;
        }
    }

}
