package org.vnemr.platform.abuse;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.fhir.error.FhirError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bounds what one FHIR search may cost before it reaches the compiler (which already caps {@code _count} at 1000
 * and chains at one level): at most {@value #MAX_PARAMETERS} parameters, {@value #MAX_INCLUDES} {@code _include} /
 * {@code _revinclude}, no {@code :iterate} (recursive includes), values of at most {@value #MAX_VALUE_LENGTH}
 * characters and a query string of at most {@value #MAX_QUERY_LENGTH}, no NUL character (PostgreSQL text cannot
 * hold one: a query with it would fail inside the database). Refusals are 400 with an OperationOutcome.
 */
public final class SearchCostFilter extends OncePerRequestFilter {

    static final int MAX_PARAMETERS = 40;
    static final int MAX_INCLUDES = 10;
    static final int MAX_VALUE_LENGTH = 2_000;
    static final int MAX_QUERY_LENGTH = 8_000;

    private final FhirContext fhir;

    public SearchCostFilter(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getQueryString(), request.getParameterMap());
        if (problem != null) {
            var error = FhirError.build(400, "VNEMR-5220", problem);
            response.setStatus(400);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(error.getOperationOutcome())
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    static String problem(String query, Map<String, String[]> parameters) {
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            return "query longer than " + MAX_QUERY_LENGTH;
        }
        int count = 0;
        int includes = 0;
        for (Map.Entry<String, String[]> e : parameters.entrySet()) {
            count += e.getValue().length;
            String name = e.getKey();
            if (name.startsWith("_include") || name.startsWith("_revinclude")) {
                includes += e.getValue().length;
                if (name.contains(":iterate") || name.contains(":recurse")) {
                    return name;
                }
            }
            for (String value : e.getValue()) {
                if (value != null && value.length() > MAX_VALUE_LENGTH) {
                    return name + " longer than " + MAX_VALUE_LENGTH;
                }
                if (value != null && value.indexOf('\u0000') >= 0 || name.indexOf('\u0000') >= 0) {
                    return "NUL character in " + name.replace('\u0000', '?'); // no text column can hold it
                }
            }
        }
        if (count > MAX_PARAMETERS) {
            return count + " parameters (max " + MAX_PARAMETERS + ")";
        }
        if (includes > MAX_INCLUDES) {
            return includes + " _include/_revinclude (max " + MAX_INCLUDES + ")";
        }
        return null;
    }
}
