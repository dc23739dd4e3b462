package org.vnemr.platform.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.platform.audit.AuditAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

/**
 * {@code /fhir/**} needs a Bearer token of this node ({@link TokenService}): without one, or with a forged or
 * expired one, the answer is 401 with a bilingual OperationOutcome and {@code WWW-Authenticate}. With a valid one
 * the request carries the subject as its principal (what the audit records), the roles for the audit, and the
 * {@link TokenClaims} for the authorisation decision ({@link #CLAIMS}). The CapabilityStatement stays public.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link TokenClaims} of the caller. */
    public static final String CLAIMS = TokenClaims.class.getName();

    private final TokenService tokens;
    private final ca.uhn.fhir.context.FhirContext fhirContext;

    public BearerTokenFilter(TokenService tokens, ca.uhn.fhir.context.FhirContext fhirContext) {
        this.tokens = tokens;
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/fhir/metadata")) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        Optional<TokenClaims> claims = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.verify(header.substring(7).strip()) : Optional.empty();
        if (claims.isEmpty()) {
            var error = FhirError.build(401, "VNEMR-5050");
            byte[] body = fhirContext.newJsonParser().encodeResourceToString(error.getOperationOutcome())
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", header == null ? "Bearer" : "Bearer error=\"invalid_token\"");
            response.setContentType("application/fhir+json;charset=utf-8");
            response.getOutputStream().write(body);
            return;
        }
        TokenClaims c = claims.get();
        request.setAttribute(CLAIMS, c);
        request.setAttribute(AuditAttributes.USER, c.subject());
        request.setAttribute(AuditAttributes.ROLE, String.join(",", c.roles()));
        if (c.practitioner() != null) {
            request.setAttribute(AuditAttributes.PRACTITIONER, "Practitioner/" + c.practitioner());
        }
        Principal principal = c::subject;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return c.subject();
            }

            @Override
            public String getAuthType() {
                return "Bearer";
            }
        }, response);
    }
}
