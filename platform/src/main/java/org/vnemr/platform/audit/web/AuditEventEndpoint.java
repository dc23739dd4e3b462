package org.vnemr.platform.audit.web;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.patient.PatientReferences;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /fhir/AuditEvent} is the audit trail itself, not a stored resource type: {@code GET AuditEvent/<seq>}
 * reads one event and {@code GET AuditEvent?patient=&agent=&date=&action=&_count=} searches it (newest first,
 * {@code next} link for paging). Nobody writes AuditEvents through the API: create, update, patch and delete are
 * refused with 405 (VNEMR-5002). Answers JSON only.
 */
@Interceptor
public class AuditEventEndpoint {

    private static final Set<String> ALLOWED = Set.of("patient", "agent", "date", "action", "_count", "_before",
            "_format", "_pretty");

    private final AuditSearch search;
    private final ZoneId zone;

    public AuditEventEndpoint(AuditSearch search, ZoneId zone) {
        this.search = search;
        this.zone = zone;
    }

    /** @return false when this answered (HAPI then stops) */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -50)
    public boolean answer(RequestDetails request, HttpServletRequest servletRequest,
                          HttpServletResponse servletResponse) throws IOException {
        if (!"AuditEvent".equals(request.getResourceName())) {
            return true;
        }
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD) {
            String id = request.getId().getIdPart();
            if (!id.matches("\\d{1,18}")) {
                throw FhirError.notFound("VNEMR-5006", id);
            }
            long seq = Long.parseLong(id);
            List<AuditRow> rows = search.find(new AuditQuery(null, null, null, null, null, seq + 1, 1));
            if (rows.isEmpty() || rows.get(0).seq() != seq) {
                throw FhirError.notFound("VNEMR-5006", id);
            }
            AuditBundle.send(servletResponse, rows.get(0).event());
            return false;
        }
        if (operation != RestOperationTypeEnum.SEARCH_TYPE || !"GET".equals(servletRequest.getMethod())) {
            throw FhirError.build(405, "VNEMR-5002");
        }
        Map<String, String[]> params = request.getParameters();
        for (String name : params.keySet()) {
            if (!ALLOWED.contains(name)) {
                throw FhirError.badRequest("VNEMR-5005", name);
            }
        }
        String patient = first(params, "patient");
        if (patient != null) {
            patient = PatientReferences.idOf(patient, true);
            if (patient == null) {
                throw FhirError.badRequest("VNEMR-5007", "patient", first(params, "patient"));
            }
        }
        Instant from = null;
        Instant to = null;
        for (String date : params.getOrDefault("date", new String[0])) {
            Instant[] range = range(date);
            if (range[0] != null && (from == null || range[0].isAfter(from))) {
                from = range[0];
            }
            if (range[1] != null && (to == null || range[1].isBefore(to))) {
                to = range[1];
            }
        }
        int count = integer(params, "_count", 100);
        Long before = params.containsKey("_before") ? (long) integer(params, "_before", 0) : null;
        AuditQuery query = new AuditQuery(patient, first(params, "agent"), first(params, "action"), from, to, before,
                count);
        List<AuditRow> rows = search.find(query);
        String base = request.getFhirServerBase();
        String self = base + "/AuditEvent" + (servletRequest.getQueryString() == null ? ""
                : "?" + servletRequest.getQueryString());
        String next = null;
        if (rows.size() == query.limit()) {
            String q = (servletRequest.getQueryString() == null ? "" : servletRequest.getQueryString())
                    .replaceAll("(^|&)_before=[^&]*", "").replaceFirst("^&", "");
            next = base + "/AuditEvent?" + (q.isEmpty() ? "" : q + "&") + "_before="
                    + URLEncoder.encode(Long.toString(rows.get(rows.size() - 1).seq()), StandardCharsets.UTF_8);
        }
        AuditBundle.send(servletResponse, AuditBundle.searchset(rows, base, self, next));
        return false;
    }

    /** [from, to) of one {@code date} parameter: prefixes ge, gt, le, lt, eq; a bare day means that whole day. */
    private Instant[] range(String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String text = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
        Instant start;
        Instant end;
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                start = day.atStartOfDay(zone).toInstant();
                end = day.plusDays(1).atStartOfDay(zone).toInstant();
            } else {
                start = OffsetDateTime.parse(text).toInstant();
                end = start.plusNanos(1_000);
            }
        } catch (DateTimeParseException e) {
            throw FhirError.badRequest("VNEMR-5007", "date", value);
        }
        return switch (prefix) {
            case "ge" -> new Instant[] {start, null};
            case "gt" -> new Instant[] {end, null};
            case "le" -> new Instant[] {null, end};
            case "lt" -> new Instant[] {null, start};
            case "eq" -> new Instant[] {start, end};
            default -> throw FhirError.badRequest("VNEMR-5007", "date", value);
        };
    }

    private static String first(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        return values == null || values.length == 0 || values[0].isBlank() ? null : values[0];
    }

    private static int integer(Map<String, String[]> params, String name, int fallback) {
        String value = first(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FhirError.badRequest("VNEMR-5007", name, value);
        }
    }
}
