package org.vnemr.platform.audit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditAttributes;
import org.vnemr.platform.audit.AuditOutcome;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one AuditEvent per FHIR interaction — and per entry of a transaction or batch — once the response status
 * is known: who (the authenticated principal, else {@code anonymous}; role and practitioner from
 * {@link AuditAttributes}), which patients, what, outcome (2xx success, 4xx minor, 5xx serious failure), client
 * address. Requests HAPI never routed (a body over the size limit, an unknown type) are audited from the URL.
 * Bulk export downloads ({@code /bulk/export/…}) are audited as exports.
 *
 * <p>The events are queued to the audit writer after the response is complete; with {@code waitForDurability}
 * the request thread also waits for their commit (cost measured in {@code FhirAuditOverheadIT}).
 */
public final class FhirAuditFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(FhirAuditFilter.class);
    private static final int TEE_LIMIT = 8 * 1024 * 1024;

    private final AuditTrail trail;
    private final boolean waitForDurability;

    public FhirAuditFilter(AuditTrail trail, boolean waitForDurability) {
        this.trail = trail;
        this.waitForDurability = waitForDurability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("OPTIONS".equals(request.getMethod()) || isMetadata(request)) {
            chain.doFilter(request, response);
            return;
        }
        Instant started = Instant.now();
        ResponseTee tee = new ResponseTee(response, () -> needsBody(request), TEE_LIMIT);
        boolean failed = true;
        try {
            chain.doFilter(request, tee);
            failed = false;
        } finally {
            try {
                audit(request, tee, failed ? 500 : tee.getStatus(), started);
            } catch (RuntimeException e) {
                LOG.error("VNEMR-5003 audit of {} {} failed", request.getMethod(), request.getRequestURI(), e);
            }
        }
    }

    private static boolean isMetadata(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.endsWith("/metadata") && "GET".equals(request.getMethod());
    }

    private static boolean needsBody(HttpServletRequest request) {
        return request.getAttribute(FhirAuditInterceptor.ATTRIBUTE) instanceof FhirAccess access
                && (access.need == FhirAccess.Need.RESPONSE_BODY || access.need == FhirAccess.Need.BUNDLE_RESPONSE);
    }

    private void audit(HttpServletRequest request, ResponseTee response, int status, Instant started) {
        Object described = request.getAttribute(FhirAuditInterceptor.ATTRIBUTE);
        Principal principal = request.getUserPrincipal();
        String user = request.getAttribute(AuditAttributes.USER) instanceof String u ? u
                : principal == null ? null : principal.getName();
        String breakGlass = (String) request.getAttribute(AuditAttributes.BREAK_GLASS_REASON);
        AuditRecord base = new AuditRecord(started, user,
                (String) request.getAttribute(AuditAttributes.ROLE),
                (String) request.getAttribute(AuditAttributes.PRACTITIONER), AuditAction.OPERATION, null, List.of(),
                request.getHeader(AuditAttributes.PURPOSE_HEADER), false, AuditOutcome.ofHttpStatus(status),
                "HTTP " + status, request.getRemoteAddr());
        if (breakGlass != null) {
            base = base.withBreakGlass(breakGlass);
        }
        List<AuditRecord> records = new ArrayList<>();
        if (described instanceof FhirAccess access) {
            List<Set<String>> patients = access.patientsAfter(
                    status < 400 ? response.body() : null, response.getHeader("Location"));
            for (int i = 0; i < access.parts.size(); i++) {
                FhirAccess.Part part = access.parts.get(i);
                records.add(new AuditRecord(base.occurred(), base.user(), base.role(), base.practitioner(),
                        part.action(), part.what(), List.copyOf(patients.get(i)), base.purpose(), base.breakGlass(),
                        base.outcome(), base.outcomeDetail(), base.clientAddress()));
            }
        } else {
            boolean download = request.getRequestURI().contains("/bulk/export/") && "GET".equals(request.getMethod());
            records.add(new AuditRecord(started, base.user(), base.role(), base.practitioner(),
                    download ? AuditAction.EXPORT : actionOf(request.getMethod()), unrouted(request), List.of(),
                    base.purpose(), base.breakGlass(), base.outcome(), base.outcomeDetail(), base.clientAddress()));
        }
        List<CompletableFuture<Long>> written = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            written.add(waitForDurability ? trail.recordFlushed(record) : trail.record(record));
        }
        if (waitForDurability && !written.isEmpty()) {
            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
                    .orTimeout(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
    }

    private static AuditAction actionOf(String method) {
        return switch (method) {
            case "GET", "HEAD" -> AuditAction.READ;
            case "POST" -> AuditAction.CREATE;
            case "PUT" -> AuditAction.UPDATE;
            case "PATCH" -> AuditAction.PATCH;
            case "DELETE" -> AuditAction.DELETE;
            default -> AuditAction.OPERATION;
        };
    }

    private static String unrouted(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
