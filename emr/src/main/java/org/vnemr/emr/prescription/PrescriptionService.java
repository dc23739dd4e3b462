package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.fhir.error.Messages;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Kê đơn thuốc: checks a posted prescription line by line (errors keyed by field id, e.g. {@code line-0-dose}),
 * computes quantities, raises the warnings the doctor must acknowledge, and stores the prescription in one
 * transaction — a MedicationRequest per line, the {@code don-thuoc} Composition and the drug charges — under a new
 * national prescription code.
 */
@Service
public class PrescriptionService {

    public static final String GROUP_SYSTEM = "https://vnemr.org/fhir/sid/ma-don-thuoc";
    static final String DRUG_SYSTEM = CatalogueKind.DRUG.system();
    static final String DOCUMENT_TYPE = "https://vnemr.org/fhir/CodeSystem/document-type";
    static final String DOCUMENT_SECTION = "https://vnemr.org/fhir/CodeSystem/document-section";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
    private static final int MAX_TIMES_PER_DAY = 24;
    private static final Timing.EventTiming[] WHEN = {Timing.EventTiming.MORN, Timing.EventTiming.NOON,
            Timing.EventTiming.AFT, Timing.EventTiming.EVE};

    private final DrugCatalogue drugs;
    private final PrescriptionNumbers numbers;
    private final ClinicalStore store;
    private final ObjectProvider<ChargeCapture> charges;

    public PrescriptionService(DrugCatalogue drugs, PrescriptionNumbers numbers, ClinicalStore store,
                               ObjectProvider<ChargeCapture> charges) {
        this.drugs = drugs;
        this.numbers = numbers;
        this.store = store;
        this.charges = charges;
    }

    /** The visit being prescribed for, its patient and the patient's allergies (all reads audited). */
    public record Visit(Encounter encounter, Patient patient, List<AllergyIntolerance> allergies, boolean inpatient) {
    }

    /** Checked form: the lines that passed, errors by field id, warnings still to acknowledge. */
    public record Evaluation(List<DosedLine> lines, Map<String, String> errors,
                             List<PrescriptionChecks.Warning> warnings) {
        public boolean refused() {
            return !errors.isEmpty();
        }

        /** Dosed line of row {@code i}, or null when that row has errors. */
        public DosedLine line(int i) {
            return i < lines.size() ? lines.get(i) : null;
        }
    }

    /** The stored prescription. */
    public record Saved(String code, String compositionId, List<String> medicationRequestIds) {
    }

    public Optional<Visit> visit(String encounterId, boolean inpatient, CurrentUser user) {
        Optional<Encounter> encounter = store.read(Encounter.class, encounterId, user);
        if (encounter.isEmpty() || !encounter.get().getSubject().hasReference()) {
            return Optional.empty();
        }
        String patientId = encounter.get().getSubject().getReferenceElement().getIdPart();
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        List<AllergyIntolerance> allergies = store.search(AllergyIntolerance.class,
                Map.of("patient", List.of("Patient/" + patientId)), user);
        return Optional.of(new Visit(encounter.get(), patient.get(), allergies, inpatient));
    }

    /**
     * Checks every line. {@code strict} is false for the live preview while typing: empty fields are not yet
     * errors there.
     */
    public Evaluation evaluate(PrescriptionForm form, Visit visit, Locale locale, boolean strict) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<DosedLine> lines = new ArrayList<>();
        List<Drug> lineDrugs = new ArrayList<>();
        PrescriptionType type = PrescriptionType.of(form.getType()).orElse(null);
        if (type == null) {
            errors.put("type", text(locale, "VNEMR-6261", String.valueOf(form.getType())));
            type = PrescriptionType.ORDINARY;
        }
        if (strict && form.getLines().isEmpty()) {
            errors.put("lines", text(locale, "VNEMR-6256"));
        }
        for (int i = 0; i < form.getLines().size(); i++) {
            PrescriptionForm.LineForm in = form.getLines().get(i);
            Drug drug = drugs.find(in.getDrug()).orElse(null);
            lineDrugs.add(drug);
            DosedLine line = line(i, in, drug, type, visit.inpatient(), locale, strict, errors);
            lines.add(line);
        }
        List<PrescriptionChecks.Warning> warnings = new ArrayList<>(PrescriptionChecks.duplicateIngredients(lineDrugs));
        warnings.addAll(PrescriptionChecks.allergies(lineDrugs, visit.allergies()));
        if (strict && !warnings.isEmpty() && !form.isAcknowledge()) {
            errors.put("acknowledge", text(locale, "VNEMR-6257"));
        }
        return new Evaluation(lines, errors, warnings);
    }

    private DosedLine line(int i, PrescriptionForm.LineForm in, Drug drug, PrescriptionType type, boolean inpatient,
                           Locale locale, boolean strict, Map<String, String> errors) {
        String p = "line-" + i + "-";
        int before = errors.size();
        if (drug == null) {
            errors.put(p + "drug", text(locale, "VNEMR-6250", String.valueOf(in.getDrug())));
        }
        List<BigDecimal> times = new ArrayList<>();
        boolean anyTime = false;
        String[] typed = {in.getMorning(), in.getNoon(), in.getAfternoon(), in.getEvening()};
        String[] names = {"morning", "noon", "afternoon", "evening"};
        for (int t = 0; t < typed.length; t++) {
            if (blank(typed[t])) {
                times.add(null);
                continue;
            }
            BigDecimal amount = Numbers.decimal(typed[t]);
            if (amount == null || amount.signum() < 0) {
                errors.put(p + names[t], text(locale, "VNEMR-6251", typed[t]));
                times.add(null);
            } else {
                times.add(amount.signum() == 0 ? null : amount);
                anyTime |= amount.signum() > 0;
            }
        }
        BigDecimal dose = null;
        int timesPerDay = 0;
        BigDecimal perDay = null;
        if (anyTime) {
            perDay = times.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            timesPerDay = (int) times.stream().filter(java.util.Objects::nonNull).count();
        } else {
            times = List.of();
            dose = Numbers.decimal(in.getDose());
            if (dose == null || dose.signum() <= 0) {
                if (strict || !blank(in.getDose())) {
                    errors.put(p + "dose", text(locale, "VNEMR-6251", nz(in.getDose())));
                }
            }
            Integer n = Numbers.integer(in.getTimesPerDay());
            if (n == null || n < 1 || n > MAX_TIMES_PER_DAY) {
                if (strict || !blank(in.getTimesPerDay())) {
                    errors.put(p + "timesPerDay", text(locale, "VNEMR-6252", nz(in.getTimesPerDay())));
                }
            } else {
                timesPerDay = n;
            }
            if (dose != null && dose.signum() > 0 && timesPerDay > 0) {
                perDay = dose.multiply(BigDecimal.valueOf(timesPerDay));
            }
        }
        Integer days = Numbers.integer(in.getDays());
        if (days == null || days < 1) {
            if (strict || !blank(in.getDays())) {
                errors.put(p + "days", text(locale, "VNEMR-6253", nz(in.getDays())));
            }
            days = null;
        } else if (!inpatient && days > type.maxDays()) {
            // TT 26/2025 Đ6: at most 30 days per drug in outpatient care, 7 for narcotics in acute disease
            errors.put(p + "days", text(locale, "VNEMR-6254", days, type.maxDays()));
        }
        BigDecimal computed = perDay == null || days == null ? null : QuantityRule.dailyTotal(perDay, days);
        BigDecimal quantity = computed;
        String reason = null;
        if (!blank(in.getQuantity())) {
            BigDecimal typedQuantity = Numbers.decimal(in.getQuantity());
            if (typedQuantity == null || typedQuantity.signum() <= 0
                    || typedQuantity.stripTrailingZeros().scale() > 0) {
                errors.put(p + "quantity", text(locale, "VNEMR-6255", in.getQuantity()));
            } else if (computed == null || typedQuantity.compareTo(computed) != 0) {
                if (blank(in.getOverrideReason())) {
                    errors.put(p + "overrideReason", text(locale, "VNEMR-6262"));
                } else {
                    quantity = typedQuantity;
                    reason = in.getOverrideReason().trim();
                }
            }
        }
        String route = blank(in.getRoute()) && drug != null ? drug.routeCode() : nz(in.getRoute()).trim();
        if (errors.size() > before || drug == null || computed == null) {
            return null;
        }
        String routeName = drugs.routes().getOrDefault(route, route.equals(drug.routeCode()) ? drug.routeName() : route);
        return new DosedLine(drug, dose, timesPerDay, times, days, route, routeName,
                blank(in.getNote()) ? null : in.getNote().trim(), computed, quantity, reason);
    }

    /** An error text in the screen's language, with its code (shown next to the field). */
    public static String text(Locale locale, String code, Object... args) {
        String message = locale != null && "en".equals(locale.getLanguage()) ? Messages.en(code, args)
                : Messages.vi(code, args);
        return message + " (" + code + ")";
    }

    /**
     * Stores the prescription: one transaction with the lines, the Composition and, when the charges feature is
     * installed, the drug charges.
     *
     * @throws org.vnemr.emr.store.WriteRefused when the store refused anything (nothing is stored)
     * @throws IllegalStateException            when the facility has no mã CSKCB (VNEMR-6259)
     */
    public Saved save(Visit visit, PrescriptionType type, Evaluation evaluation, String advice, CurrentUser user) {
        String facility = numbers.facilityCode().orElseThrow(() -> new IllegalStateException("VNEMR-6259"));
        String code = numbers.next(facility, type);
        Instant now = Instant.now();
        Reference patient = new Reference("Patient/" + visit.patient().getIdElement().getIdPart());
        Reference encounter = new Reference("Encounter/" + visit.encounter().getIdElement().getIdPart());
        Reference requester = user.practitionerReference().map(Reference::new).orElse(null);
        List<Resource> resources = new ArrayList<>();
        List<MedicationRequest> requests = new ArrayList<>();
        for (DosedLine line : evaluation.lines()) {
            MedicationRequest mr = medicationRequest(line, type, code, visit.inpatient(), patient, encounter,
                    requester, now);
            mr.setId("urn:uuid:" + UUID.randomUUID());
            requests.add(mr);
        }
        resources.addAll(requests);
        Composition composition = composition(code, evaluation.lines(), requests, advice, patient, encounter,
                requester, now);
        resources.add(composition);
        ChargeCapture capture = charges.getIfAvailable();
        if (capture != null) {
            List<ChargeCapture.Billable> billables = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                DosedLine line = evaluation.lines().get(i);
                billables.add(new ChargeCapture.Billable(CatalogueKind.DRUG, line.drug().code(), line.quantity(),
                        now, new Reference(requests.get(i).getIdElement().getValue())));
            }
            List<ChargeItem> items = capture.chargesFor(visit.encounter(), billables);
            resources.addAll(items);
        }
        List<String> refs = store.transaction(resources, user);
        List<String> requestIds = refs.subList(0, requests.size()).stream().map(r -> r.substring(r.indexOf('/') + 1))
                .toList();
        String compositionRef = refs.get(requests.size());
        return new Saved(code, compositionRef.substring(compositionRef.indexOf('/') + 1), requestIds);
    }

    static MedicationRequest medicationRequest(DosedLine line, PrescriptionType type, String code, boolean inpatient,
                                               Reference patient, Reference encounter, Reference requester,
                                               Instant now) {
        MedicationRequest mr = new MedicationRequest();
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.addCategory().addCoding(new Coding(CATEGORY_SYSTEM, inpatient ? "inpatient" : "outpatient",
                inpatient ? "Inpatient" : "Outpatient"));
        Drug drug = line.drug();
        mr.setMedication(new CodeableConcept(new Coding(DRUG_SYSTEM, drug.code(), drug.name())).setText(drug.name()));
        mr.setSubject(patient.copy());
        mr.setEncounter(encounter.copy());
        if (requester != null) {
            mr.setRequester(requester.copy());
        }
        mr.setAuthoredOnElement(new DateTimeType(Date.from(now), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(DrugCatalogue.VIETNAM)));
        mr.setGroupIdentifier(new Identifier().setSystem(GROUP_SYSTEM).setValue(code));
        mr.setCourseOfTherapyType(new CodeableConcept().setText(type.code()));
        CodeableConcept route = new CodeableConcept(new Coding(DrugCatalogue.ROUTE_SYSTEM, line.routeCode(),
                line.routeName())).setText(line.routeName());
        if (line.timesOfDay().isEmpty()) {
            Dosage dosage = mr.addDosageInstruction().setSequence(1).setText(line.sig()).setRoute(route);
            dosage.getTiming().getRepeat().setFrequency(line.timesPerDay()).setPeriod(1)
                    .setPeriodUnit(Timing.UnitsOfTime.D);
            dosage.addDoseAndRate().setDose(unitQuantity(line.dose(), drug.unit()));
            if (line.note() != null) {
                dosage.setPatientInstruction(line.note());
            }
        } else {
            // one instruction per time of day: the amounts may differ (sáng 1 viên, tối ½ viên)
            for (int t = 0; t < WHEN.length; t++) {
                BigDecimal amount = line.timesOfDay().get(t);
                if (amount == null) {
                    continue;
                }
                Dosage dosage = mr.addDosageInstruction().setSequence(1).setRoute(route.copy());
                dosage.getTiming().getRepeat().setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D)
                        .addWhen(WHEN[t]);
                dosage.addDoseAndRate().setDose(unitQuantity(amount, drug.unit()));
                if (line.note() != null) {
                    dosage.setPatientInstruction(line.note());
                }
            }
            mr.getDosageInstructionFirstRep().setText(line.sig());
        }
        mr.getDispenseRequest().setQuantity(unitQuantity(line.quantity(), drug.unit()));
        mr.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(line.days())
                .setUnit("ngày").setSystem("http://unitsofmeasure.org").setCode("d"));
        if (line.overridden()) {
            mr.addNote(new Annotation().setText("Số lượng sửa từ " + DosedLine.plain(line.computed()) + " thành "
                    + DosedLine.plain(line.quantity()) + ": " + line.overrideReason()));
        }
        return mr;
    }

    private static Quantity unitQuantity(BigDecimal value, String unit) {
        return new Quantity().setValue(value).setUnit(unit);
    }

    static Composition composition(String code, List<DosedLine> lines, List<MedicationRequest> requests,
                                   String advice, Reference patient, Reference encounter, Reference author,
                                   Instant now) {
        Composition c = new Composition();
        c.setId("urn:uuid:" + UUID.randomUUID());
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.setIdentifier(new Identifier().setSystem(GROUP_SYSTEM).setValue(code));
        c.setType(new CodeableConcept(new Coding(DOCUMENT_TYPE, "don-thuoc", "Đơn thuốc")));
        c.setSubject(patient.copy());
        c.setEncounter(encounter.copy());
        c.setDateElement(new DateTimeType(Date.from(now), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(DrugCatalogue.VIETNAM)));
        if (author != null) {
            c.addAuthor(author.copy());
        } else {
            c.addAuthor().setDisplay("vnemr");
        }
        c.setTitle("Đơn thuốc " + code);
        Composition.SectionComponent drugsSection = c.addSection().setTitle("Thuốc điều trị")
                .setCode(new CodeableConcept(new Coding(DOCUMENT_SECTION, "thuoc", "Thuốc điều trị")));
        StringBuilder html = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Mã đơn thuốc: ")
                .append(code).append("</p><ol>");
        for (DosedLine line : lines) {
            html.append("<li><b>").append(esc(line.drug().name())).append("</b> — ")
                    .append(esc(line.drug().strength())).append(": ").append(esc(line.sig())).append(". Số lượng: ")
                    .append(DosedLine.plain(line.quantity())).append(' ').append(esc(line.drug().unit()))
                    .append("</li>");
        }
        html.append("</ol></div>");
        drugsSection.setText(narrative(html.toString()));
        for (MedicationRequest mr : requests) {
            drugsSection.addEntry(new Reference(mr.getIdElement().getValue()));
        }
        if (advice != null && !advice.isBlank()) {
            c.addSection().setTitle("Lời dặn")
                    .setCode(new CodeableConcept(new Coding(DOCUMENT_SECTION, "loi-dan", "Lời dặn")))
                    .setText(narrative("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + esc(advice.trim())
                            + "</p></div>"));
        }
        return c;
    }

    private static Narrative narrative(String xhtml) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(xhtml);
        return narrative;
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
