package org.vnemr.platform.abuse;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.error.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The 429 answer: {@code Retry-After} always; an OperationOutcome for the FHIR API and the token endpoint's
 * clients, a small Vietnamese page (with English below) for people.
 */
public final class TooManyRequests {

    private TooManyRequests() {
    }

    public static void answer(HttpServletRequest request, HttpServletResponse response, FhirContext fhir,
                              String code, long retryAfterSeconds) throws IOException {
        response.resetBuffer();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/fhir") || path.startsWith("/bulk") || path.startsWith("/auth")) {
            var error = FhirError.build(429, code, retryAfterSeconds);
            byte[] body = fhir.newJsonParser().encodeResourceToString(error.getOperationOutcome())
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(body);
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html><html lang="vi"><head><meta charset="UTF-8"><title>Quá nhiều yêu cầu</title>
                <link rel="stylesheet" href="/css/vnemr.css"></head><body><main class="narrow">
                <h1>Quá nhiều yêu cầu</h1><p class="form-error" id="too-many">%s: %s</p><p lang="en">%s</p>
                </main></body></html>
                """.formatted(code, Messages.vi(code, retryAfterSeconds), Messages.en(code, retryAfterSeconds)));
    }
}
