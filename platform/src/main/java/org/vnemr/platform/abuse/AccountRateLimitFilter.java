package org.vnemr.platform.abuse;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.platform.auth.BearerTokenFilter;
import org.vnemr.platform.auth.TokenClaims;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Per-account limit on the FHIR API, right after the Bearer guard has said who is calling (so a forged token cannot
 * spend someone else's budget). The screens count their logged-in user the same way (emr's own filter).
 */
public final class AccountRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final FhirContext fhir;

    public AccountRateLimitFilter(RateLimits limits, FhirContext fhir) {
        this.limits = limits;
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(BearerTokenFilter.CLAIMS) instanceof TokenClaims claims) {
            OptionalLong wait = limits.account(claims.subject());
            if (wait.isPresent()) {
                TooManyRequests.answer(request, response, fhir, "VNEMR-5210", wait.getAsLong());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
