package org.vnemr.platform.audit.web;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Notes what each routed FHIR request does (interaction, target, patients) for {@link FhirAuditFilter}, which
 * writes the AuditEvents once the outcome is known. Runs before the engine's fast path (order −100): the fast path
 * answers JSON reads and searches at this same pointcut and stops HAPI there, so a later hook would miss them.
 */
@Interceptor
public class FhirAuditInterceptor {

    static final String ATTRIBUTE = FhirAccess.class.getName();

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
    public boolean describe(RequestDetails request, HttpServletRequest servletRequest) {
        servletRequest.setAttribute(ATTRIBUTE, FhirAccess.describe(request, servletRequest.getQueryString()));
        return true;
    }
}
