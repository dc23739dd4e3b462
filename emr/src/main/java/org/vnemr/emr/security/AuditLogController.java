package org.vnemr.emr.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.emr.web.RequiresRole;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.privacy.IdMasking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Nhật ký truy cập: {@code /nhat-ky} lets the auditor and administrators search the audit trail by patient, user,
 * action and date range (newest first, {@value #PAGE} a page, identity numbers masked); {@code
 * /benh-nhan/{patientId}/nhat-ky} answers "who opened my record": who, when, in which role, for what purpose, with
 * break-the-glass accesses marked. Looking at the trail is itself an access and is audited.
 */
@Controller
public class AuditLogController {

    static final int PAGE = 50;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final AuditSearch search;
    private final AuditTrail audit;
    private final ZoneId zone;

    public AuditLogController(AuditSearch search, AuditTrail audit, Environment env) {
        this.search = search;
        this.audit = audit;
        this.zone = ZoneId.of(env.getProperty("vnemr.time-zone", "Asia/Ho_Chi_Minh"));
    }

    @GetMapping("/nhat-ky")
    @RequiresRole({Role.AUDITOR, Role.ADMINISTRATOR})
    public String search(CurrentUser user, HttpServletRequest request, Model model,
                         @RequestParam(name = "benhNhan", defaultValue = "") String patient,
                         @RequestParam(name = "nguoiDung", defaultValue = "") String who,
                         @RequestParam(name = "hanhDong", defaultValue = "") String action,
                         @RequestParam(name = "tuNgay", defaultValue = "") String from,
                         @RequestParam(name = "denNgay", defaultValue = "") String to,
                         @RequestParam(name = "truoc", required = false) Long before) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("benhNhan", patient);
        form.put("nguoiDung", who);
        form.put("hanhDong", action);
        form.put("tuNgay", from);
        form.put("denNgay", to);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("actions", List.of(AuditAction.values()));
        checkToken(errors, "benhNhan", patient);
        checkToken(errors, "nguoiDung", who);
        if (!action.isEmpty() && java.util.Arrays.stream(AuditAction.values()).noneMatch(a -> a.code().equals(action))) {
            errors.put("hanhDong", Messages.vi("VNEMR-5205"));
        }
        Instant start = date(errors, "tuNgay", from, 0);
        Instant end = date(errors, "denNgay", to, 1);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.put("denNgay", Messages.vi("VNEMR-5204"));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("lines", List.of());
            return "security/audit";
        }
        AuditQuery query = new AuditQuery(blank(patient), blank(who), blank(action), start, end, before, PAGE + 1);
        List<AuditRow> rows = search.find(query);
        page(model, rows);
        audit.record(AuditRecord.of(user.username(), AuditAction.SEARCH).withRole(user.roleCodes())
                .withWhat(IdMasking.maskIn("AuditEvent?" + queryText(form)))
                .withPatients(patient.isEmpty() ? List.of() : List.of(patient))
                .withClientAddress(request.getRemoteAddr()));
        return "security/audit";
    }

    @GetMapping("/benh-nhan/{patientId}/nhat-ky")
    @Requires(value = Permission.VIEW, patient = "patientId")
    public String patientAccessLog(CurrentUser user, HttpServletRequest request, Model model,
                                   @PathVariable String patientId,
                                   @RequestParam(name = "truoc", required = false) Long before) {
        model.addAttribute("patientId", patientId);
        if (!TOKEN.matcher(patientId).matches()) {
            model.addAttribute("lines", List.of());
            return "security/patient-access";
        }
        List<AuditRow> rows = search.find(new AuditQuery(patientId, null, null, null, null, before, PAGE + 1));
        page(model, rows);
        audit.record(AuditRecord.of(user.username(), AuditAction.READ).withRole(user.roleCodes())
                .withWhat("Patient/" + patientId + "/$access-log").withPatients(List.of(patientId))
                .withPurpose(request.getAttribute(org.vnemr.emr.store.ClinicalStore.BREAK_GLASS_ATTRIBUTE) == null
                        ? org.vnemr.emr.store.ClinicalStore.TREATMENT : "BTG")
                .withClientAddress(request.getRemoteAddr()));
        return "security/patient-access";
    }

    private void page(Model model, List<AuditRow> rows) {
        boolean more = rows.size() > PAGE;
        List<AuditRow> shown = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("lines", shown.stream().map(r -> AuditLine.of(r, zone)).toList());
        model.addAttribute("nextBefore", more ? shown.get(shown.size() - 1).seq() : null);
    }

    private static void checkToken(Map<String, String> errors, String field, String value) {
        if (!value.isEmpty() && !TOKEN.matcher(value).matches()) {
            errors.put(field, Messages.vi("VNEMR-5205"));
        }
    }

    /** dd/MM/yyyy at local midnight, plus {@code plusDays} (the end date is inclusive). */
    private Instant date(Map<String, String> errors, String field, String value, int plusDays) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), DATE).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, Messages.vi("VNEMR-5203"));
            return null;
        }
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String queryText(Map<String, String> form) {
        StringBuilder text = new StringBuilder();
        form.forEach((k, v) -> {
            if (!v.isEmpty()) {
                text.append(text.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        return text.toString();
    }
}
