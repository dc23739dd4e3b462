package org.vnemr.platform.abuse;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Outermost filter: every request counts against its client address; a login attempt ({@code POST} to one of the
 * login paths — the screens' {@code /dang-nhap}, the token endpoint) also against the address's login bucket.
 * Static files are not counted (a page pulls several). The address is the connection's, not a header a client
 * could forge; behind a reverse proxy configure Tomcat's RemoteIpValve ({@code server.forward-headers-strategy}).
 */
public final class AddressRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> LOGIN_PATHS = Set.of("/dang-nhap", "/auth/token");
    private static final java.util.List<String> STATIC = java.util.List.of("/css/", "/js/", "/img/", "/fonts/",
            "/favicon.ico");

    private final RateLimits limits;
    private final FhirContext fhir;

    public AddressRateLimitFilter(RateLimits limits, FhirContext fhir) {
        this.limits = limits;
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (STATIC.stream().anyMatch(path::startsWith)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if ("POST".equals(request.getMethod()) && LOGIN_PATHS.contains(path)) {
            OptionalLong wait = limits.login(address);
            if (wait.isPresent()) {
                TooManyRequests.answer(request, response, fhir, "VNEMR-5211", wait.getAsLong());
                return;
            }
        }
        OptionalLong wait = limits.address(address);
        if (wait.isPresent()) {
            TooManyRequests.answer(request, response, fhir, "VNEMR-5210", wait.getAsLong());
            return;
        }
        chain.doFilter(request, response);
    }
}
