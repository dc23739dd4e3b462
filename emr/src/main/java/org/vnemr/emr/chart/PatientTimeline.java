package org.vnemr.emr.chart;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.vncore.matching.PatientLinks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Dòng thời gian của hồ sơ: everything the facility recorded about a patient (and the patients merged into them),
 * across all visits, newest first. Each kind is read by one audited search; a kind the filter leaves out is not
 * read at all.
 */
@Component
public class PatientTimeline {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String COUNT = "1000";

    private final ClinicalStore store;
    private final ObjectProvider<PatientLinks> links;

    public PatientTimeline(ClinicalStore store, ObjectProvider<PatientLinks> links) {
        this.store = store;
        this.links = links;
    }

    /** The patient's id first, then those merged into it (when patient matching is installed). */
    public List<String> patientIds(String patientId) {
        PatientLinks l = links.getIfAvailable();
        return l == null ? List.of(patientId) : l.allIdsOf(patientId);
    }

    public List<TimelineEntry> entries(String patientId, Set<TimelineEntry.Kind> kinds, LocalDate from, LocalDate to,
                                       CurrentUser user) {
        List<String> ids = patientIds(patientId);
        String patients = ids.stream().map(id -> "Patient/" + id).collect(Collectors.joining(","));
        Set<TimelineEntry.Kind> wanted = kinds.isEmpty() ? EnumSet.allOf(TimelineEntry.Kind.class) : kinds;
        List<TimelineEntry> entries = new ArrayList<>();
        Map<String, Encounter> visits = new HashMap<>();
        if (wanted.contains(TimelineEntry.Kind.VISIT) || wanted.contains(TimelineEntry.Kind.DIAGNOSIS)) {
            search(Encounter.class, patients, user).forEach(e -> visits.put(e.getIdElement().getIdPart(), e));
        }
        List<Condition> conditions = wanted.contains(TimelineEntry.Kind.VISIT)
                || wanted.contains(TimelineEntry.Kind.DIAGNOSIS) ? search(Condition.class, patients, user) : List.of();
        if (wanted.contains(TimelineEntry.Kind.VISIT)) {
            Map<String, List<String>> byVisit = new HashMap<>();
            for (Condition c : conditions) {
                if (c.hasEncounter()) {
                    byVisit.computeIfAbsent(c.getEncounter().getReferenceElement().getIdPart(), k -> new ArrayList<>())
                            .add(code(c.getCode()));
                }
            }
            for (Encounter e : visits.values()) {
                entries.add(new TimelineEntry(TimelineEntry.Kind.VISIT, instant(e.getPeriod().getStart()),
                        visitTitle(e), e.getReasonCodeFirstRep().getText(),
                        byVisit.getOrDefault(e.getIdElement().getIdPart(), List.of()), null, null));
            }
        }
        if (wanted.contains(TimelineEntry.Kind.DIAGNOSIS)) {
            for (Condition c : conditions) {
                Encounter visit = c.hasEncounter() ? visits.get(c.getEncounter().getReferenceElement().getIdPart())
                        : null;
                Date when = c.hasRecordedDate() ? c.getRecordedDate() : c.hasOnsetDateTimeType()
                        ? c.getOnsetDateTimeType().getValue() : visit == null ? null : visit.getPeriod().getStart();
                entries.add(new TimelineEntry(TimelineEntry.Kind.DIAGNOSIS, instant(when), code(c.getCode()),
                        c.getCode().getText(), List.of(), null, null));
            }
        }
        if (wanted.contains(TimelineEntry.Kind.RESULT)) {
            for (Observation o : search(Observation.class, patients, user)) {
                Date when = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : o.getIssued();
                entries.add(new TimelineEntry(TimelineEntry.Kind.RESULT, instant(when), code(o.getCode()),
                        value(o), List.of(), null, null));
            }
            for (DiagnosticReport r : search(DiagnosticReport.class, patients, user)) {
                Date when = r.hasEffectiveDateTimeType() ? r.getEffectiveDateTimeType().getValue() : r.getIssued();
                entries.add(new TimelineEntry(TimelineEntry.Kind.RESULT, instant(when), code(r.getCode()),
                        r.getConclusion(), List.of(), null, null));
            }
        }
        if (wanted.contains(TimelineEntry.Kind.PRESCRIPTION)) {
            Map<String, List<MedicationRequest>> groups = new LinkedHashMap<>();
            for (MedicationRequest mr : search(MedicationRequest.class, patients, user)) {
                String key = mr.getGroupIdentifier().hasValue() ? mr.getGroupIdentifier().getValue()
                        : mr.getIdElement().getIdPart();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(mr);
            }
            groups.forEach((code, lines) -> entries.add(new TimelineEntry(TimelineEntry.Kind.PRESCRIPTION,
                    instant(lines.get(0).getAuthoredOn()), code, null,
                    lines.stream().map(PatientTimeline::drugLine).toList(), null, null)));
        }
        if (wanted.contains(TimelineEntry.Kind.DOCUMENT)) {
            for (Composition c : search(Composition.class, patients, user)) {
                String id = c.getIdElement().getIdPart();
                String type = c.getType().getCodingFirstRep().getCode();
                entries.add(new TimelineEntry(TimelineEntry.Kind.DOCUMENT, instant(c.getDate()), c.getTitle(),
                        c.getStatus() == null ? null : c.getStatus().toCode(), List.of(),
                        "/benh-nhan/" + patientId + "/tai-lieu/" + id,
                        type == null ? null : "/in/" + type + "/" + id + ".pdf"));
            }
        }
        if (wanted.contains(TimelineEntry.Kind.APPOINTMENT)) {
            for (Appointment a : search(Appointment.class, patients, user)) {
                entries.add(new TimelineEntry(TimelineEntry.Kind.APPOINTMENT, instant(a.getStart()),
                        a.getAppointmentType().hasText() ? a.getAppointmentType().getText() : "Lịch hẹn",
                        a.getDescription(), List.of(), null, null));
            }
        }
        Instant start = from == null ? null : from.atStartOfDay(VIETNAM).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(VIETNAM).toInstant();
        return entries.stream()
                .filter(e -> start == null || (e.when() != null && !e.when().isBefore(start)))
                .filter(e -> end == null || (e.when() != null && e.when().isBefore(end)))
                .sorted(Comparator.comparing(TimelineEntry::when, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    private <T extends Resource> List<T> search(Class<T> type, String patients, CurrentUser user) {
        return store.search(type, Map.of("patient", List.of(patients), "_count", List.of(COUNT)), user);
    }

    private static String visitTitle(Encounter e) {
        String kind = switch (e.getClass_().getCode() == null ? "" : e.getClass_().getCode()) {
            case "AMB" -> "Khám ngoại trú";
            case "IMP" -> "Điều trị nội trú";
            case "EMER" -> "Cấp cứu";
            case "SS" -> "Điều trị ban ngày";
            default -> "Lượt khám";
        };
        String type = e.getTypeFirstRep().hasText() ? e.getTypeFirstRep().getText()
                : e.getTypeFirstRep().getCodingFirstRep().getDisplay();
        return type == null ? kind : kind + " — " + type;
    }

    static String code(CodeableConcept concept) {
        Coding coding = concept.getCodingFirstRep();
        String name = coding.hasDisplay() ? coding.getDisplay() : concept.getText();
        if (coding.hasCode()) {
            return coding.getCode() + (name == null ? "" : " " + name);
        }
        return name == null ? "" : name;
    }

    private static String value(Observation o) {
        if (o.hasValueQuantity()) {
            Quantity q = o.getValueQuantity();
            return q.getValue().stripTrailingZeros().toPlainString() + (q.hasUnit() ? " " + q.getUnit() : "");
        }
        if (o.hasValueStringType()) {
            return o.getValueStringType().getValue();
        }
        if (o.hasValueCodeableConcept()) {
            return code(o.getValueCodeableConcept());
        }
        return o.getComponent().stream().filter(c -> c.hasValueQuantity())
                .map(c -> c.getValueQuantity().getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining("/"));
    }

    private static String drugLine(MedicationRequest mr) {
        String name = mr.getMedicationCodeableConcept().hasText() ? mr.getMedicationCodeableConcept().getText()
                : code(mr.getMedicationCodeableConcept());
        Quantity q = mr.getDispenseRequest().getQuantity();
        String quantity = q.hasValue() ? " — " + q.getValue().stripTrailingZeros().toPlainString() + " "
                + (q.getUnit() == null ? "" : q.getUnit()) : "";
        return name + quantity + (mr.getDosageInstructionFirstRep().hasText()
                ? " (" + mr.getDosageInstructionFirstRep().getText() + ")" : "");
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
