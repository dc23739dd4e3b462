package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;
import org.vnemr.emr.patient.PatientBanner;
import org.vnemr.emr.patient.PatientBanners;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one visit and everything recorded in it, through the audited store, for the visit screen. */
@Component
class Visits {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ClinicalStore store;
    private final PatientBanners banners;

    Visits(ClinicalStore store, PatientBanners banners) {
        this.store = store;
        this.banners = banners;
    }

    Encounter encounter(String id, CurrentUser user) {
        if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new VisitNotFound(id);
        }
        return store.read(Encounter.class, id, user).orElseThrow(() -> new VisitNotFound(id));
    }

    /** The visit, for a change: refused once it has ended. */
    Encounter open(String id, CurrentUser user) {
        Encounter e = encounter(id, user);
        if (closed(e)) {
            throw new VisitClosed(id);
        }
        return e;
    }

    static boolean closed(Encounter e) {
        return e.getStatus() == Encounter.EncounterStatus.FINISHED
                || e.getStatus() == Encounter.EncounterStatus.CANCELLED
                || e.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR;
    }

    static String patientId(Encounter e) {
        return e.getSubject().getReferenceElement().getIdPart();
    }

    static String reference(Encounter e) {
        return "Encounter/" + e.getIdElement().getIdPart();
    }

    VisitPage page(Encounter e, CurrentUser user) {
        String patientId = patientId(e);
        PatientBanner banner = banners.of(patientId, user).orElseThrow(() -> new VisitNotFound(patientId));
        // everything recorded in the visit in one statement (one audit entry) instead of a search per type: the
        // visit page is the clinic's most opened page, and each section save answers with part of it
        ClinicalStore.Page<Encounter> recorded = store.searchWithIncludes(Encounter.class, Map.of(
                "_id", List.of(e.getIdElement().getIdPart()),
                "_revinclude", List.of("Observation:encounter", "ServiceRequest:encounter", "Composition:encounter",
                        "Condition:encounter", "DiagnosticReport:encounter")), user);
        List<Observation> observations = ofType(recorded.included(), Observation.class);
        List<ServiceRequest> requests = ofType(recorded.included(), ServiceRequest.class);
        List<Composition> documents = ofType(recorded.included(), Composition.class);
        List<Condition> conditions = ofType(recorded.included(), Condition.class);
        List<DiagnosticReport> reports = ofType(recorded.included(), DiagnosticReport.class);

        Optional<Composition> exam = document(documents, VisitCodes.PHIEU_KHAM);
        List<VisitPage.DiagnosisRow> diagnoses = diagnoses(e, conditions);
        List<VisitPage.PaperLink> papers = new ArrayList<>();
        for (Composition c : documents) {
            String type = c.getType().getCodingFirstRep().getCode();
            if (VisitCodes.GIAY_HEN.equals(type) && !c.getSection().isEmpty()
                    && c.getSectionFirstRep().hasEntry()) {
                String appointment = c.getSectionFirstRep().getEntryFirstRep().getReferenceElement().getIdPart();
                papers.add(new VisitPage.PaperLink("Giấy hẹn khám lại", "/in/giay-hen-kham-lai/" + appointment
                        + ".pdf"));
            } else if (VisitCodes.GIAY_CHUYEN_TUYEN.equals(type)) {
                papers.add(new VisitPage.PaperLink("Giấy chuyển tuyến", "/in/giay-chuyen-tuyen/"
                        + c.getIdElement().getIdPart() + ".pdf"));
            }
        }
        List<VisitPage.OrderRow> orders = orders(requests);
        orders.stream().map(VisitPage.OrderRow::requisition).distinct().filter(r -> r != null)
                .forEach(r -> papers.add(0, new VisitPage.PaperLink("Phiếu chỉ định " + r,
                        "/in/phieu-chi-dinh/" + r + ".pdf")));
        String outcome = e.getExtension().stream()
                .filter(x -> VisitCodes.EXT_TREATMENT_OUTCOME.equals(x.getUrl()) && x.getValue() instanceof Coding)
                .map(x -> ((Coding) x.getValue()).getDisplay()).findFirst().orElse(null);
        return new VisitPage(e.getIdElement().getIdPart(), patientId, e.getStatus() == null ? ""
                : e.getStatus().toCode(), closed(e), banner, room(e), queueNumber(e),
                e.getPeriod().getStart() == null ? "" : time(e.getPeriod().getStart()), vitals(observations),
                exam.map(Visits::examinationForm).orElse(Map.of()),
                exam.map(c -> c.getStatus() == Composition.CompositionStatus.FINAL).orElse(false), diagnoses,
                orders, results(reports, observations, requests), papers, outcome,
                diagnoses.stream().anyMatch(VisitPage.DiagnosisRow::main));
    }

    /** The resources of one type, oldest first (the order they were recorded in). */
    static <T extends Resource> List<T> ofType(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .sorted(Comparator.comparing((T r) -> r.getMeta().getLastUpdated(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(r -> r.getIdElement().getIdPart(), Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    static Optional<Composition> document(List<Composition> documents, String type) {
        return documents.stream().filter(c -> c.getType().getCoding().stream()
                        .anyMatch(t -> VisitCodes.CS_DOCUMENT_TYPE.equals(t.getSystem()) && type.equals(t.getCode())))
                .filter(c -> c.getStatus() != Composition.CompositionStatus.ENTEREDINERROR).findFirst();
    }

    static Map<String, String> examinationForm(Composition c) {
        Map<String, String> form = new HashMap<>();
        for (Composition.SectionComponent s : c.getSection()) {
            String code = s.getCode().getCodingFirstRep().getCode();
            ExaminationController.FIELDS.entrySet().stream().filter(f -> f.getValue().equals(code)).findFirst()
                    .ifPresent(f -> form.put(f.getKey(), Narrative.text(s.getText())));
        }
        return form;
    }

    private String room(Encounter e) {
        for (Encounter.EncounterLocationComponent l : e.getLocation()) {
            if (l.getLocation().hasDisplay()) {
                return l.getLocation().getDisplay();
            }
            String id = l.getLocation().getReferenceElement().getIdPart();
            if (id != null) {
                Optional<Location> room = store.readReference(Location.class, id);
                if (room.isPresent()) {
                    return room.get().getName();
                }
            }
        }
        return "";
    }

    static String queueNumber(Encounter e) {
        return e.getIdentifier().stream().filter(i -> VisitCodes.SID_QUEUE.equals(i.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null)
                .map(v -> v.substring(v.lastIndexOf('-') + 1)).findFirst().orElse("");
    }

    static String time(Date date) {
        return date == null ? "" : TIME.format(date.toInstant().atZone(VIETNAM));
    }

    /** The latest value of each vital sign (a later measurement replaces an earlier one on screen). */
    private static List<VisitPage.VitalRow> vitals(List<Observation> observations) {
        Map<String, Observation> latest = new LinkedHashMap<>();
        observations.stream()
                .filter(o -> o.getCategory().stream().anyMatch(c -> c.hasCoding(VisitCodes.OBSERVATION_CATEGORY,
                        "vital-signs")))
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                .sorted(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue(),
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(o -> latest.put(o.getCode().getCodingFirstRep().getCode(), o));
        List<VisitPage.VitalRow> rows = new ArrayList<>();
        for (VitalSign sign : VitalSign.values()) {
            Observation o = latest.get(sign == VitalSign.SYSTOLIC || sign == VitalSign.DIASTOLIC
                    ? VitalSign.BP_PANEL : sign.loinc());
            if (o == null) {
                continue;
            }
            Quantity q = null;
            if (sign == VitalSign.SYSTOLIC || sign == VitalSign.DIASTOLIC) {
                for (Observation.ObservationComponentComponent c : o.getComponent()) {
                    if (c.getCode().hasCoding(VisitCodes.LOINC, sign.loinc()) && c.hasValueQuantity()) {
                        q = c.getValueQuantity();
                    }
                }
            } else if (o.hasValueQuantity()) {
                q = o.getValueQuantity();
            }
            if (q == null || q.getValue() == null) {
                continue;
            }
            BigDecimal value = q.getValue();
            rows.add(new VisitPage.VitalRow(sign.field(), sign.label(), value.stripTrailingZeros().toPlainString()
                    + " " + sign.unitShown(), time(o.getEffectiveDateTimeType().getValue()),
                    sign.warning(value).orElse(null)));
        }
        return rows;
    }

    private static List<VisitPage.DiagnosisRow> diagnoses(Encounter e, List<Condition> conditions) {
        Map<String, Condition> byId = new HashMap<>();
        conditions.forEach(c -> byId.put("Condition/" + c.getIdElement().getIdPart(), c));
        List<VisitPage.DiagnosisRow> rows = new ArrayList<>();
        for (Encounter.DiagnosisComponent d : e.getDiagnosis()) {
            Condition c = byId.get(d.getCondition().getReference());
            if (c == null) {
                continue;
            }
            Coding icd = c.getCode().getCoding().stream().filter(x -> VisitCodes.CS_ICD10.equals(x.getSystem()))
                    .findFirst().orElse(new Coding());
            String yhct = c.getCode().getCoding().stream().filter(x -> VisitCodes.CS_YHCT.equals(x.getSystem()))
                    .map(x -> (x.hasCode() ? x.getCode() + " " : "") + (x.hasDisplay() ? x.getDisplay() : ""))
                    .findFirst().orElse(null);
            rows.add(new VisitPage.DiagnosisRow(d.getRank(), icd.getCode(), icd.getDisplay(), yhct,
                    c.getCode().getText()));
        }
        rows.sort(Comparator.comparingInt(VisitPage.DiagnosisRow::rank));
        return rows;
    }

    private static List<VisitPage.OrderRow> orders(List<ServiceRequest> requests) {
        List<VisitPage.OrderRow> rows = new ArrayList<>();
        for (ServiceRequest r : requests) {
            String category = OrderCategory.of(r).map(OrderCategory::label).orElse(null);
            if (category == null) {
                continue; // referral and admission orders are shown in the conclusion, not as services
            }
            String requisition = r.getRequisition().getValue();
            rows.add(new VisitPage.OrderRow(r.getIdElement().getIdPart(), requisition,
                    r.getCode().getCodingFirstRep().getCode(), r.getCode().getCodingFirstRep().getDisplay(),
                    category, r.hasQuantityQuantity() ? r.getQuantityQuantity().getValue().stripTrailingZeros()
                    .toPlainString() : "1", r.getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED
                    ? "Đã có kết quả" : "Chờ thực hiện", time(r.getAuthoredOn())));
        }
        return rows;
    }

    private static List<VisitPage.ResultRow> results(List<DiagnosticReport> reports, List<Observation> observations,
                                                     List<ServiceRequest> requests) {
        Map<String, Observation> byId = new HashMap<>();
        observations.forEach(o -> byId.put("Observation/" + o.getIdElement().getIdPart(), o));
        List<VisitPage.ResultRow> rows = new ArrayList<>();
        for (DiagnosticReport report : reports) {
            if (report.getStatus() == DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR) {
                continue;
            }
            String service = report.getCode().getCodingFirstRep().getDisplay();
            String when = time(report.getEffectiveDateTimeType().getValue());
            for (Reference ref : report.getResult()) {
                Observation o = byId.get(ref.getReference());
                if (o == null) {
                    continue;
                }
                String value = o.hasValueQuantity() ? o.getValueQuantity().getValue().stripTrailingZeros()
                        .toPlainString() : o.hasValueStringType() ? o.getValueStringType().getValue() : "";
                String unit = o.hasValueQuantity() ? o.getValueQuantity().getUnit() : "";
                String range = o.getReferenceRange().isEmpty() ? "" : range(o.getReferenceRangeFirstRep());
                String flag = o.getInterpretation().stream().map(CodeableConcept::getCodingFirstRep)
                        .map(Coding::getCode).filter(c -> "H".equals(c) || "L".equals(c)).findFirst().orElse("");
                rows.add(new VisitPage.ResultRow(service, value, unit, range, flag, null, when));
            }
            if (report.hasConclusion()) {
                rows.add(new VisitPage.ResultRow(service, "", "", "", "", report.getConclusion(), when));
            }
        }
        return rows;
    }

    private static String range(Observation.ObservationReferenceRangeComponent r) {
        if (r.hasText()) {
            return r.getText();
        }
        String low = r.hasLow() ? r.getLow().getValue().stripTrailingZeros().toPlainString() : "";
        String high = r.hasHigh() ? r.getHigh().getValue().stripTrailingZeros().toPlainString() : "";
        return low + " – " + high;
    }
}
