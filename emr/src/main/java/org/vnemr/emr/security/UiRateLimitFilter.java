package org.vnemr.emr.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.platform.abuse.RateLimits;
import org.vnemr.platform.abuse.TooManyRequests;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * The screens' per-account rate limit (the per-address one is platform's, in front of everything): after the
 * session guard has found the logged-in user, each request counts against that account — the same bucket the
 * person's FHIR token uses.
 */
public final class UiRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final FhirContext fhir;

    public UiRateLimitFilter(RateLimits limits, FhirContext fhir) {
        this.limits = limits;
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user != null) {
            OptionalLong wait = limits.account(user.username());
            if (wait.isPresent()) {
                TooManyRequests.answer(request, response, fhir, "VNEMR-5210", wait.getAsLong());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
