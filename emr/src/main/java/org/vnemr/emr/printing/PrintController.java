package org.vnemr.emr.printing;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * In giấy tờ: the printed papers as PDF under {@code /in/…}, one route per paper (the addresses other screens link
 * to), and a generic one for any other record form. Each answer is shown inline by the browser; an unknown id gets
 * a Vietnamese "not found" page, a record that cannot be laid out a Vietnamese error page — never a stack trace.
 * Every PDF is written to the audit trail as a PRINT of the patient's data.
 */
@Controller
public class PrintController {

    private static final Logger LOG = LoggerFactory.getLogger(PrintController.class);
    /** FHIR ids (and requisition numbers) are letters, digits, '-' and '.', at most 64. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern TYPE_CODE = Pattern.compile("[a-z0-9\\-]{1,64}");

    private final ClinicalStore store;
    private final AuditTrail audit;
    private final Environment environment;

    public PrintController(ClinicalStore store, AuditTrail audit, Environment environment) {
        this.store = store;
        this.audit = audit;
        this.environment = environment;
    }

    @GetMapping("/in/phieu-kham-benh-tiep-don/{encounterId}.pdf")
    @Requires(value = Permission.PRINT, patient = "encounterId")
    public Object visitSlip(@PathVariable String encounterId, CurrentUser user, Model model,
                            HttpServletResponse response) {
        return answer(encounterId, user, model, response, r -> VisitSlipPaper.print(encounterId, r));
    }

    @GetMapping("/in/don-thuoc/{compositionId}.pdf")
    @Requires(Permission.PRINT)
    public Object prescription(@PathVariable String compositionId, CurrentUser user, Model model,
                               HttpServletResponse response) {
        return answer(compositionId, user, model, response, r -> PrescriptionPaper.print(compositionId, r));
    }

    @GetMapping("/in/phieu-chi-dinh/{requisitionId}.pdf")
    @Requires(Permission.PRINT)
    public Object orderSlip(@PathVariable String requisitionId, CurrentUser user, Model model,
                            HttpServletResponse response) {
        return answer(requisitionId, user, model, response, r -> OrderSlipPaper.print(requisitionId, r));
    }

    @GetMapping("/in/giay-hen-kham-lai/{appointmentId}.pdf")
    @Requires(Permission.PRINT)
    public Object appointment(@PathVariable String appointmentId, CurrentUser user, Model model,
                              HttpServletResponse response) {
        return answer(appointmentId, user, model, response, r -> AppointmentPaper.print(appointmentId, r));
    }

    @GetMapping("/in/giay-chuyen-tuyen/{compositionId}.pdf")
    @Requires(Permission.PRINT)
    public Object referral(@PathVariable String compositionId, CurrentUser user, Model model,
                           HttpServletResponse response) {
        return answer(compositionId, user, model, response, r -> ReferralPaper.print(compositionId, r));
    }

    @GetMapping("/in/giay-ra-vien/{compositionId}.pdf")
    @Requires(Permission.PRINT)
    public Object discharge(@PathVariable String compositionId, CurrentUser user, Model model,
                            HttpServletResponse response) {
        return answer(compositionId, user, model, response, r -> DischargePaper.print(compositionId, r));
    }

    @GetMapping("/in/tom-tat-ho-so/{encounterId}.pdf")
    @Requires(value = Permission.PRINT, patient = "encounterId")
    public Object recordSummary(@PathVariable String encounterId, CurrentUser user, Model model,
                                HttpServletResponse response) {
        return answer(encounterId, user, model, response, r -> RecordSummaryPaper.print(encounterId, r));
    }

    @GetMapping("/in/{typeCode}/{compositionId}.pdf")
    @Requires(Permission.PRINT)
    public Object composition(@PathVariable String typeCode, @PathVariable String compositionId, CurrentUser user,
                              Model model, HttpServletResponse response) {
        if (!TYPE_CODE.matcher(typeCode).matches()) {
            return notFound(compositionId, model, response);
        }
        return answer(compositionId, user, model, response,
                r -> CompositionPaper.print(typeCode, compositionId, r));
    }

    private Object answer(String id, CurrentUser user, Model model, HttpServletResponse response,
                          Function<Paper.Request, Optional<Paper.Printed>> paper) {
        if (!ID.matcher(id).matches()) {
            return notFound(id, model, response);
        }
        Optional<Paper.Printed> printed;
        try {
            printed = paper.apply(new Paper.Request(new PrintRecords(store, user), publicBase(), Instant.now()));
        } catch (RuntimeException e) {
            // a record the layout cannot handle must not become a 500 page; the log keeps the cause
            LOG.error("VNEMR-6502 printing {} failed", id, e);
            model.addAttribute("code", "VNEMR-6502");
            model.addAttribute("message", Messages.vi("VNEMR-6502"));
            response.setStatus(422);
            return "printing/error";
        }
        if (printed.isEmpty()) {
            return notFound(id, model, response);
        }
        Paper.Printed p = printed.get();
        audit.record(AuditRecord.of(user == null ? null : user.username(), AuditAction.PRINT)
                .withRole(user == null ? null : user.roleCodes())
                .withPractitioner(user == null ? null : user.practitionerReference().orElse(null))
                .withWhat(p.what())
                .withPatients(p.patientId() == null ? List.of() : List.of(p.patientId()))
                .withPurpose(ClinicalStore.TREATMENT));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(p.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(p.pdf());
    }

    private String notFound(String id, Model model, HttpServletResponse response) {
        model.addAttribute("code", "VNEMR-6501");
        model.addAttribute("message", Messages.vi("VNEMR-6501", id));
        response.setStatus(404);
        return "printing/error";
    }

    /** The configured public address of the facility's screens, else the address this request came in on. */
    private String publicBase() {
        String configured = environment.getProperty("vnemr.public-url");
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
