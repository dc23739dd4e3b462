package org.vnemr.bhyt.mapping;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.Row;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.bhyt.xml130.Xml130Values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dossier read from XML 130/4750/3176 files into the FHIR resources of docs/architecture/clinical-data.md
 * (new {@code urn:uuid:} ids, one transaction Bundle per dossier) — the inverse of {@link DossierMapper}, so that
 * FHIR → XML → FHIR → XML gives the same XML for the tables both map. What the XML cannot carry back (catalogue
 * data, the facility head) comes from the same configuration on export.
 */
public final class DossierImporter {

    private static final Pattern DOSE = Pattern.compile("^([0-9.]+)(?: (.+))?/lần \\* (\\d+) lần/(ngày|giờ|tuần)$");
    private static final String ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";

    private final Map<String, Organization> organizations = new HashMap<>();
    private final Map<String, Practitioner> practitioners = new HashMap<>();
    private final Map<String, ServiceRequest> requestsByCode = new HashMap<>();
    private final Map<String, DiagnosticReport> reportsByCode = new HashMap<>();
    private VisitRecord visit;

    /** The visit of one dossier (needs XML1). */
    public static VisitRecord toFhir(Dossier dossier) {
        return new DossierImporter().convert(dossier);
    }

    /** A transaction Bundle that creates every resource of the visit (POST, urn:uuid full URLs). */
    public static Bundle transaction(VisitRecord visit) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource r : all(visit)) {
            bundle.addEntry().setFullUrl(r.getId()).setResource(r).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
        }
        return bundle;
    }

    public static List<Resource> all(VisitRecord v) {
        List<Resource> all = new java.util.ArrayList<>();
        all.addAll(v.organizations.values());
        all.addAll(v.practitioners.values());
        all.add(v.patient);
        if (v.coverage != null) {
            all.add(v.coverage);
        }
        all.add(v.encounter);
        all.addAll(v.departmentStays);
        all.addAll(v.conditions);
        all.addAll(v.medications);
        all.addAll(v.serviceRequests);
        all.addAll(v.observations);
        all.addAll(v.reports);
        all.addAll(v.charges);
        all.addAll(v.compositions);
        all.addAll(v.appointments);
        return all;
    }

    private static <T extends Resource> T withId(T resource) {
        resource.setId("urn:uuid:" + UUID.randomUUID());
        return resource;
    }

    private static Reference ref(Resource r) {
        return new Reference(r.getId());
    }

    private VisitRecord convert(Dossier dossier) {
        if (dossier.rows("XML1").isEmpty()) {
            throw new Xml130Exception("VNEMR-7003", "XML1");
        }
        Row x1 = dossier.rows("XML1").get(0);
        visit = new VisitRecord();
        visit.facility = organization(x1.get("MA_CSKCB"), ContractUrls.SID_MA_CSKCB);
        visit.patient = patient(x1);
        visit.coverage = coverage(x1);
        visit.encounter = encounter(x1);
        diagnoses(x1);
        String attending = attending(dossier);
        if (!attending.isEmpty()) {
            visit.encounter.addParticipant().setIndividual(ref(practitioner(attending, "")));
        }
        dossier.rows("XML2").forEach(this::drug);
        dossier.rows("XML3").forEach(this::service);
        if (visit.coverage != null) {
            java.util.stream.Stream.concat(dossier.rows("XML2").stream(), dossier.rows("XML3").stream())
                    .map(r -> r.get("MUC_HUONG")).filter(m -> !m.isEmpty()).findFirst()
                    .ifPresent(m -> visit.coverage.addClass_().setType(new CodeableConcept().setText("muc-huong"))
                            .setValue(m));
        }
        dossier.rows("XML4").forEach(this::result);
        dossier.rows("XML5").forEach(this::treatmentSheet);
        dossier.rows("XML7").forEach(this::discharge);
        dossier.rows("XML8").forEach(this::summary);
        dossier.rows("XML13").forEach(this::referral);
        dossier.rows("XML14").forEach(this::appointment);
        for (String day : Xml130Values.split(x1.get("NGAY_TAI_KHAM"))) {
            LocalDate date = Xml130Values.parseDate(day).orElseThrow();
            boolean known = visit.appointments.stream().anyMatch(a -> Xml130Values.date(a.getStart()).equals(day));
            if (!known) {
                Appointment a = withId(new Appointment());
                a.setStatus(Appointment.AppointmentStatus.BOOKED);
                a.setAppointmentType(new CodeableConcept().setText("tai-kham"));
                a.setStart(Date.from(date.atStartOfDay(Xml130Values.VIETNAM).toInstant()));
                a.addParticipant().setActor(ref(visit.patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
                a.addExtension(ContractUrls.EXT_SOURCE_ENCOUNTER, ref(visit.encounter));
                visit.appointments.add(a);
            }
        }
        return visit;
    }

    // ---- XML1 ----------------------------------------------------------------------------------------------

    private Patient patient(Row x1) {
        Patient p = withId(new Patient());
        identifier(p.getIdentifier(), ContractUrls.SID_MA_BN, x1.get("MA_BN"));
        String id = x1.get("SO_CCCD");
        identifier(p.getIdentifier(), id.matches("\\d{9}|\\d{12}") ? ContractUrls.SID_CCCD : ContractUrls.SID_PASSPORT, id);
        p.addName().setText(x1.get("HO_TEN"));
        switch (x1.get("GIOI_TINH")) {
            case "1" -> p.setGender(Enumerations.AdministrativeGender.MALE);
            case "2" -> p.setGender(Enumerations.AdministrativeGender.FEMALE);
            case "3" -> p.setGender(Enumerations.AdministrativeGender.UNKNOWN);
            default -> { }
        }
        birth(p, x1.get("NGAY_SINH"));
        coding(p, ContractUrls.EXT_NATIONALITY, ContractUrls.CS_NATIONALITY, x1.get("MA_QUOCTICH"));
        coding(p, ContractUrls.EXT_ETHNICITY, ContractUrls.CS_ETHNICITY, x1.get("MA_DANTOC"));
        coding(p, ContractUrls.EXT_OCCUPATION, ContractUrls.CS_OCCUPATION, x1.get("MA_NGHE_NGHIEP"));
        var address = p.addAddress().setText(x1.get("DIA_CHI"));
        addressCode(address, ContractUrls.EXT_PROVINCE, x1.get("MATINH_CU_TRU"));
        addressCode(address, ContractUrls.EXT_DISTRICT, x1.get("MAHUYEN_CU_TRU"));
        addressCode(address, ContractUrls.EXT_WARD, x1.get("MAXA_CU_TRU"));
        if (!x1.get("DIEN_THOAI").isEmpty()) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(x1.get("DIEN_THOAI"));
        }
        return p;
    }

    /** NGAY_SINH yyyyMMddHHmm with 0000 for what is unknown → birthDate of that precision (+ birthTime). */
    private static void birth(Patient p, String text) {
        if (text.length() < 8) {
            return;
        }
        String year = text.substring(0, 4);
        String monthDay = text.substring(4, 8);
        if (monthDay.equals("0000")) {
            p.setBirthDateElement(new DateType(year));
            return;
        }
        DateType date = new DateType(year + "-" + monthDay.substring(0, 2) + "-" + monthDay.substring(2));
        if (text.length() == 12 && !text.substring(8).equals("0000")) {
            var time = Xml130Values.parseTimestamp(text).orElseThrow();
            date.addExtension(ContractUrls.EXT_BIRTH_TIME, new DateTimeType(Date.from(time.toInstant()),
                    TemporalPrecisionEnum.MINUTE, java.util.TimeZone.getTimeZone(Xml130Values.VIETNAM)));
        }
        p.setBirthDateElement(date);
    }

    private Coverage coverage(Row x1) {
        List<String> cards = Xml130Values.split(x1.get("MA_THE_BHYT"));
        if (cards.isEmpty()) {
            return null;
        }
        Coverage c = withId(new Coverage());
        c.setStatus(Coverage.CoverageStatus.ACTIVE);
        c.setBeneficiary(ref(visit.patient));
        c.addPayor().setDisplay("BHXH Việt Nam");
        identifier(c.getIdentifier(), ContractUrls.SID_BHYT, cards.get(cards.size() - 1));
        Period period = new Period();
        Xml130Values.split(x1.get("GT_THE_TU")).stream().findFirst().flatMap(Xml130Values::parseDate)
                .ifPresent(d -> period.setStart(day(d)));
        List<String> to = Xml130Values.split(x1.get("GT_THE_DEN"));
        if (!to.isEmpty()) {
            Xml130Values.parseDate(to.get(to.size() - 1)).ifPresent(d -> period.setEnd(day(d)));
        }
        c.setPeriod(period);
        List<String> dkbd = Xml130Values.split(x1.get("MA_DKBD"));
        if (!dkbd.isEmpty()) {
            c.addExtension(ContractUrls.EXT_PRIMARY_CARE, new Reference().setIdentifier(
                    new Identifier().setSystem(ContractUrls.SID_MA_CSKCB).setValue(dkbd.get(dkbd.size() - 1))));
        }
        return c;
    }

    private Encounter encounter(Row x1) {
        Encounter e = withId(new Encounter());
        identifier(e.getIdentifier(), ContractUrls.SID_MA_LK, x1.get("MA_LK"));
        if (!x1.get("MA_HSBA").equals(x1.get("MA_LK"))) {
            identifier(e.getIdentifier(), ContractUrls.SID_MA_HSBA, x1.get("MA_HSBA"));
        }
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        String type = x1.get("MA_LOAI_KCB");
        boolean inpatient = !x1.get("NGAY_VAO_NOI_TRU").isEmpty();
        String cls = inpatient ? (type.equals("04") ? "SS" : "IMP") : "AMB";
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", cls, null));
        e.addType(new CodeableConcept(new Coding(ContractUrls.CS_ENCOUNTER_TYPE, type, null)));
        if (!x1.get("MA_DOITUONG_KCB").isEmpty()) {
            e.addExtension(ContractUrls.EXT_VISIT_TYPE, new Coding(ContractUrls.CS_VISIT_TYPE, x1.get("MA_DOITUONG_KCB"), null));
        }
        if (!x1.get("KET_QUA_DTRI").isEmpty()) {
            e.addExtension(ContractUrls.EXT_OUTCOME, new Coding(ContractUrls.CS_OUTCOME, x1.get("KET_QUA_DTRI"), null));
        }
        if (!x1.get("MA_LOAI_RV").isEmpty()) {
            e.getHospitalization().setDischargeDisposition(
                    new CodeableConcept(new Coding(ContractUrls.CS_DISCHARGE, x1.get("MA_LOAI_RV"), null)));
        }
        e.setSubject(ref(visit.patient));
        Date start = time(inpatient ? x1.get("NGAY_VAO_NOI_TRU") : x1.get("NGAY_VAO"));
        e.setPeriod(new Period().setStart(start).setEnd(time(x1.get("NGAY_RA"))));
        if (!x1.get("LY_DO_VV").isEmpty()) {
            e.addReasonCode().setText(x1.get("LY_DO_VV"));
        }
        List<String> departments = Xml130Values.split(x1.get("MA_KHOA"));
        for (int i = 0; i < departments.size(); i++) {
            Organization dept = organization(departments.get(i), ContractUrls.SID_MA_KHOA);
            Encounter stay = withId(new Encounter());
            stay.setStatus(Encounter.EncounterStatus.FINISHED);
            stay.setClass_(e.getClass_());
            stay.setSubject(ref(visit.patient));
            stay.setPartOf(ref(e));
            stay.setServiceProvider(ref(dept));
            // only the order of the stays is known from MA_KHOA: one minute apart from the start
            stay.setPeriod(new Period().setStart(new Date(start.getTime() + i * 60_000L)));
            visit.departmentStays.add(stay);
            e.setServiceProvider(ref(dept));
        }
        observation(e, "29463-7", x1.get("CAN_NANG"), "kg");
        observation(e, "8302-2", x1.get("DU_PHONG"), "cm");
        return e;
    }

    private void observation(Encounter e, String loinc, String value, String unit) {
        if (value.isEmpty() || !value.matches("-?\\d+(\\.\\d+)?")) {
            return;
        }
        Observation o = withId(new Observation());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                "vital-signs", null)));
        o.setCode(new CodeableConcept(new Coding(ContractUrls.LOINC, loinc, null)));
        o.setSubject(ref(visit.patient));
        o.setEncounter(ref(e));
        o.setEffective(new DateTimeType(e.getPeriod().getStart()));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        visit.observations.add(o);
    }

    private void diagnoses(Row x1) {
        Encounter e = visit.encounter;
        if (!x1.get("CHAN_DOAN_VAO").isEmpty()) {
            Condition admission = condition(null, x1.get("CHAN_DOAN_VAO"));
            e.addDiagnosis().setCondition(ref(admission)).setRank(1)
                    .setUse(new CodeableConcept(new Coding(ROLE, "AD", null)));
        }
        List<String> yhct = Xml130Values.split(x1.get("MA_BENH_YHCT"));
        int rank = 1;
        int y = 0;
        if (!x1.get("MA_BENH_CHINH").isEmpty()) {
            Condition main = condition(x1.get("MA_BENH_CHINH"), x1.get("CHAN_DOAN_RV"));
            if (y < yhct.size()) {
                main.getCode().addCoding(new Coding(ContractUrls.CS_YHCT, yhct.get(y++), null));
            }
            billing(main, rank++);
        }
        for (String code : Xml130Values.split(x1.get("MA_BENH_KT"))) {
            billing(condition(code, null), rank++);
        }
        while (y < yhct.size()) {
            Condition c = condition(null, null);
            c.getCode().addCoding(new Coding(ContractUrls.CS_YHCT, yhct.get(y++), null));
            billing(c, rank++);
        }
    }

    private void billing(Condition c, int rank) {
        visit.encounter.addDiagnosis().setCondition(ref(c)).setRank(rank)
                .setUse(new CodeableConcept(new Coding(ROLE, "billing", null)));
    }

    private Condition condition(String icd, String text) {
        Condition c = withId(new Condition());
        CodeableConcept code = new CodeableConcept();
        if (text != null && !text.isEmpty()) {
            code.setText(text);
        }
        if (icd != null) {
            code.addCoding(new Coding(ContractUrls.CS_ICD10, icd, null));
        }
        c.setCode(code);
        c.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-category",
                "encounter-diagnosis", null)));
        c.setSubject(ref(visit.patient));
        c.setEncounter(ref(visit.encounter));
        visit.conditions.add(c);
        return c;
    }

    /** The attending doctor: who ordered the lines that have no order of their own (exam, bed-days). */
    private static String attending(Dossier dossier) {
        for (Row r : dossier.rows("XML3")) {
            String group = r.get("MA_NHOM");
            if (group.equals("13") || group.equals("14")) {
                return r.get("MA_BAC_SI");
            }
        }
        return dossier.rows("XML2").stream().map(r -> r.get("MA_BAC_SI")).findFirst().orElse("");
    }

    // ---- XML2 / XML3 / XML4 ---------------------------------------------------------------------------------

    private void drug(Row r) {
        MedicationRequest m = withId(new MedicationRequest());
        m.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(new CodeableConcept(new Coding(ContractUrls.CS_DRUG, r.get("MA_THUOC"), r.get("TEN_THUOC"))));
        m.setSubject(ref(visit.patient));
        m.setEncounter(ref(visit.encounter));
        if (!r.get("MA_BAC_SI").isEmpty()) {
            m.setRequester(ref(practitioner(r.get("MA_BAC_SI"), "")));
        }
        m.setAuthoredOn(time(r.get("NGAY_YL")));
        Dosage dosage = m.addDosageInstruction();
        if (!r.get("CACH_DUNG").isEmpty()) {
            dosage.setText(r.get("CACH_DUNG"));
        }
        if (!r.get("DUONG_DUNG").isEmpty()) {
            dosage.setRoute(new CodeableConcept(new Coding(ContractUrls.CS_ROUTE, r.get("DUONG_DUNG"), null)));
        }
        Matcher dose = DOSE.matcher(r.get("LIEU_DUNG"));
        if (dose.matches()) {
            dosage.addDoseAndRate().setDose(new Quantity().setValue(new BigDecimal(dose.group(1))).setUnit(dose.group(2)));
            Timing.UnitsOfTime unit = switch (dose.group(4)) {
                case "giờ" -> Timing.UnitsOfTime.H;
                case "tuần" -> Timing.UnitsOfTime.WK;
                default -> Timing.UnitsOfTime.D;
            };
            dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent()
                    .setFrequency(Integer.parseInt(dose.group(3))).setPeriod(1).setPeriodUnit(unit)));
        } else if (!r.get("LIEU_DUNG").isEmpty()) {
            dosage.setPatientInstruction(r.get("LIEU_DUNG"));
        }
        visit.medications.add(m);
        ChargeItem c = charge(r, new Coding(ContractUrls.CS_DRUG, r.get("MA_THUOC"), r.get("TEN_THUOC")), r.get("DON_GIA"));
        c.addSupportingInformation(ref(m));
    }

    private ChargeItem charge(Row r, Coding code, String price) {
        ChargeItem c = withId(new ChargeItem());
        c.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
        c.setCode(new CodeableConcept(code));
        c.setSubject(ref(visit.patient));
        c.setContext(ref(visit.encounter));
        c.setOccurrence(new DateTimeType(time(r.get("NGAY_TH_YL").isEmpty() ? r.get("NGAY_YL") : r.get("NGAY_TH_YL"))));
        c.setQuantity(new Quantity().setValue(decimal(r.get("SO_LUONG"))).setUnit(r.get("DON_VI_TINH")));
        c.setPriceOverride(Fhir.vnd(decimal(price)));
        if (!r.get("MA_KHOA").isEmpty()) {
            c.setPerformingOrganization(ref(organization(r.get("MA_KHOA"), ContractUrls.SID_MA_KHOA)));
        }
        Extension split = new Extension(ContractUrls.EXT_CHARGE_SPLIT);
        split.addExtension("total", Fhir.vnd(decimal(r.get("THANH_TIEN_BV"))));
        split.addExtension("bhyt", Fhir.vnd(decimal(r.get("T_BHTT"))));
        split.addExtension("patient", Fhir.vnd(decimal(r.get("T_BNCCT"))));
        split.addExtension("outOfScope", Fhir.vnd(decimal(r.get("T_BNTT"))));
        c.addExtension(split);
        visit.charges.add(c);
        return c;
    }

    private void service(Row r) {
        Coding code;
        if (!r.get("MA_VAT_TU").isEmpty()) {
            code = new Coding(ContractUrls.CS_SUPPLY, r.get("MA_VAT_TU"), r.get("TEN_VAT_TU"));
        } else if (r.get("MA_NHOM").equals("14") || !r.get("MA_GIUONG").isEmpty()) {
            code = new Coding(ContractUrls.CS_BED, r.get("MA_DICH_VU"), r.get("TEN_DICH_VU"));
            String bed = r.get("MA_GIUONG");
            boolean known = visit.encounter.getLocation().stream()
                    .anyMatch(l -> bed.equals(l.getLocation().getIdentifier().getValue()));
            if (!bed.isEmpty() && !known) {
                visit.encounter.addLocation().setLocation(new Reference().setIdentifier(
                        new Identifier().setSystem(ContractUrls.SID_MA_GIUONG).setValue(bed)));
            }
        } else {
            code = new Coding(ContractUrls.CS_SERVICE, r.get("MA_DICH_VU"), r.get("TEN_DICH_VU"));
        }
        ChargeItem c = charge(r, code, r.get("DON_GIA_BV"));
        if (!r.get("NGUOI_THUC_HIEN").isEmpty()) {
            c.addPerformer().setActor(ref(practitioner(r.get("NGUOI_THUC_HIEN"), "")));
        }
        String category = switch (r.get("MA_NHOM")) {
            case "1" -> ContractUrls.LAB;
            case "2" -> ContractUrls.IMAGING;
            case "8" -> ContractUrls.PROCEDURE;
            default -> null;
        };
        if (category != null && code.getSystem().equals(ContractUrls.CS_SERVICE)) {
            ServiceRequest s = request(category, code.getCode(), code.getDisplay(), r.get("NGAY_YL"), r.get("MA_BAC_SI"));
            c.addSupportingInformation(ref(s));
            if (!r.get("NGAY_KQ").isEmpty()) {
                report(s, r.get("NGAY_KQ"));
            }
        }
    }

    private ServiceRequest request(String category, String code, String display, String ordered, String doctor) {
        ServiceRequest s = withId(new ServiceRequest());
        s.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        s.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        s.addCategory(new CodeableConcept(new Coding(ContractUrls.SNOMED, category, null)));
        if (code != null) {
            s.setCode(new CodeableConcept(new Coding(ContractUrls.CS_SERVICE, code, display)));
            requestsByCode.put(code, s);
        }
        s.setSubject(ref(visit.patient));
        s.setEncounter(ref(visit.encounter));
        if (!doctor.isEmpty()) {
            s.setRequester(ref(practitioner(doctor, "")));
        }
        if (!ordered.isEmpty()) {
            s.setAuthoredOn(time(ordered));
        }
        visit.serviceRequests.add(s);
        return s;
    }

    private DiagnosticReport report(ServiceRequest s, String when) {
        DiagnosticReport d = withId(new DiagnosticReport());
        d.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        d.addBasedOn(ref(s));
        d.setCode(s.getCode());
        d.setSubject(ref(visit.patient));
        d.setEncounter(ref(visit.encounter));
        d.setEffective(new DateTimeType(time(when)));
        visit.reports.add(d);
        reportsByCode.put(s.getCode().getCodingFirstRep().getCode(), d);
        return d;
    }

    private void result(Row r) {
        String service = r.get("MA_DICH_VU");
        DiagnosticReport report = reportsByCode.get(service);
        if (report == null) {
            ServiceRequest s = requestsByCode.get(service);
            if (s == null) {
                s = request(ContractUrls.LAB, service.isEmpty() ? null : service, null, "", "");
            }
            report = report(s, r.get("NGAY_KQ"));
            if (service.isEmpty()) {
                reportsByCode.remove(null);
            }
        }
        if (!r.get("KET_LUAN").isEmpty()) {
            report.setConclusion(r.get("KET_LUAN"));
        }
        if (!r.get("MA_BS_DOC_KQ").isEmpty() && report.getResultsInterpreter().isEmpty()) {
            report.addResultsInterpreter(ref(practitioner(r.get("MA_BS_DOC_KQ"), "")));
        }
        Observation o = withId(new Observation());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(ContractUrls.CS_SERVICE, r.get("MA_CHI_SO"), r.get("TEN_CHI_SO"))));
        o.setSubject(ref(visit.patient));
        o.setEncounter(ref(visit.encounter));
        o.setEffective(new DateTimeType(time(r.get("NGAY_KQ"))));
        String value = r.get("GIA_TRI");
        if (value.matches("-?\\d+(\\.\\d+)?") && !r.get("DON_VI_DO").isEmpty()) {
            o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(r.get("DON_VI_DO")));
        } else if (!value.isEmpty()) {
            o.setValue(new StringType(value));
        }
        if (!r.get("MO_TA").isEmpty()) {
            o.addNote().setText(r.get("MO_TA"));
        }
        visit.observations.add(o);
        report.addResult(ref(o));
    }

    // ---- documents ------------------------------------------------------------------------------------------

    private Composition paper(String type, String title, String number, Date date, String author) {
        Composition c = withId(new Composition());
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.setType(new CodeableConcept(new Coding(ContractUrls.CS_DOCUMENT_TYPE, type, title)));
        c.setSubject(ref(visit.patient));
        c.setEncounter(ref(visit.encounter));
        c.setDate(date);
        c.setTitle(title);
        if (number != null && !number.isEmpty()) {
            c.setIdentifier(new Identifier().setSystem(ContractUrls.SID_PAPER_NUMBER).setValue(number));
        }
        if (author != null && !author.isEmpty()) {
            c.addAuthor(ref(practitioner(author, "")));
        } else if (!visit.encounter.getParticipant().isEmpty()) {
            c.addAuthor(visit.encounter.getParticipantFirstRep().getIndividual()); // the attending doctor
        } else if (visit.facility != null) {
            c.addAuthor(ref(visit.facility)); // Composition.author is required; the paper is the facility's
        }
        visit.compositions.add(c);
        return c;
    }

    private static void sections(Composition c, Row r, String... codeAndTag) {
        for (int i = 0; i + 1 < codeAndTag.length; i += 2) {
            c.addSection(Fhir.section(codeAndTag[i], codeAndTag[i], r.get(codeAndTag[i + 1])));
        }
    }

    private void treatmentSheet(Row r) {
        Composition c = paper("to-dieu-tri", "Tờ điều trị", null, time(r.get("THOI_DIEM_DBLS")), r.get("NGUOI_THUC_HIEN"));
        sections(c, r, DossierMapper.SECTION_COURSE, "DIEN_BIEN_LS", DossierMapper.SECTION_STAGE, "GIAI_DOAN_BENH",
                DossierMapper.SECTION_CONSULT, "HOI_CHAN", DossierMapper.SECTION_SURGERY, "PHAU_THUAT");
    }

    private void discharge(Row r) {
        if (!r.get("MA_BS").isEmpty()) {
            practitioner(r.get("MA_BS"), r.get("TEN_BS"));
        }
        Composition c = paper("giay-ra-vien", "Giấy ra viện", r.get("SO_LUU_TRU"), date(r.get("NGAY_CT")), r.get("MA_BS"));
        sections(c, r, DossierMapper.SECTION_DIAGNOSIS, "CHAN_DOAN_RV", DossierMapper.SECTION_TREATMENT, "PP_DIEUTRI",
                DossierMapper.SECTION_ADVICE, "GHI_CHU");
    }

    private void summary(Row r) {
        Composition c = paper("tom-tat-ho-so", "Tóm tắt hồ sơ bệnh án", null, date(r.get("NGAY_CT")), null);
        sections(c, r, DossierMapper.SECTION_HISTORY, "QT_BENHLY", DossierMapper.SECTION_RESULTS, "TOMTAT_KQ",
                DossierMapper.SECTION_TREATMENT, "PP_DIEUTRI", DossierMapper.SECTION_ADVICE, "GHI_CHU");
    }

    private void referral(Row r) {
        ServiceRequest s = request(ContractUrls.REFERRAL, null, null, "", r.get("MA_BAC_SI"));
        if (!r.get("MA_NOI_DEN").isEmpty()) {
            s.addPerformer(ref(organization(r.get("MA_NOI_DEN"), ContractUrls.SID_MA_CSKCB)));
        }
        if (!r.get("MA_LYDO_CT").isEmpty()) {
            s.addReasonCode(new CodeableConcept(new Coding(DossierMapper.CS_REFERRAL_REASON, r.get("MA_LYDO_CT"), null)));
        }
        Composition c = paper("giay-chuyen-tuyen", "Giấy chuyển tuyến", r.get("GIAY_CHUYEN_TUYEN"),
                visit.encounter.getPeriod().getEnd(), r.get("MA_BAC_SI"));
        sections(c, r, DossierMapper.SECTION_SIGNS, "DAU_HIEU_LS", DossierMapper.SECTION_HISTORY, "QT_BENHLY",
                DossierMapper.SECTION_RESULTS, "TOMTAT_KQ", DossierMapper.SECTION_TREATMENT, "PP_DIEUTRI",
                DossierMapper.SECTION_SERVICES, "TEN_DICH_VU", DossierMapper.SECTION_DRUGS, "TEN_THUOC",
                DossierMapper.SECTION_PLAN, "HUONG_DIEU_TRI", DossierMapper.SECTION_TRANSPORT, "PHUONGTIEN_VC",
                DossierMapper.SECTION_ESCORT, "HOTEN_NGUOI_HT");
        s.addSupportingInfo(ref(c));
    }

    private void appointment(Row r) {
        Appointment a = withId(new Appointment());
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        if (!r.get("SO_GIAYHEN_KL").isEmpty()) {
            a.addIdentifier(new Identifier().setSystem(ContractUrls.SID_PAPER_NUMBER).setValue(r.get("SO_GIAYHEN_KL")));
        }
        a.setAppointmentType(new CodeableConcept().setText("tai-kham"));
        a.setStart(date(r.get("NGAY_HEN_KL")));
        a.setCreated(date(r.get("NGAY_CT")));
        a.addExtension(ContractUrls.EXT_SOURCE_ENCOUNTER, ref(visit.encounter));
        a.addParticipant().setActor(ref(visit.patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (!r.get("MA_BAC_SI").isEmpty()) {
            a.addParticipant().setActor(ref(practitioner(r.get("MA_BAC_SI"), "")))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        visit.appointments.add(a);
    }

    // ---- conversions --------------------------------------------------------------------------------------------

    private Organization organization(String code, String system) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        return organizations.computeIfAbsent(system + "|" + code, k -> {
            Organization o = withId(new Organization());
            o.addIdentifier().setSystem(system).setValue(code);
            if (system.equals(ContractUrls.SID_MA_KHOA) && visit.facility != null) {
                o.setPartOf(ref(visit.facility));
            }
            visit.organizations.put(VisitRecord.key(o), o);
            return o;
        });
    }

    private Practitioner practitioner(String cchn, String name) {
        Practitioner p = practitioners.computeIfAbsent(cchn, k -> {
            Practitioner created = withId(new Practitioner());
            created.addIdentifier().setSystem(ContractUrls.SID_CCHN).setValue(cchn);
            visit.practitioners.put(VisitRecord.key(created), created);
            return created;
        });
        if (name != null && !name.isEmpty() && p.getName().isEmpty()) {
            p.addName().setText(name);
        }
        return p;
    }

    private static void identifier(List<Identifier> list, String system, String value) {
        if (value != null && !value.isEmpty()) {
            list.add(new Identifier().setSystem(system).setValue(value));
        }
    }

    private static void coding(Patient p, String url, String system, String code) {
        if (!code.isEmpty()) {
            p.addExtension(url, new Coding(system, code, null));
        }
    }

    private static void addressCode(org.hl7.fhir.r4.model.Address address, String url, String code) {
        if (!code.isEmpty()) {
            address.addExtension(url, new Coding(null, code, null));
        }
    }

    private static Date time(String text) {
        return Xml130Values.parseTimestamp(text).map(ZonedDateTime::toInstant).map(Date::from).orElse(null);
    }

    private static Date date(String text) {
        return Xml130Values.parseDate(text).map(DossierImporter::day).orElse(null);
    }

    private static Date day(LocalDate d) {
        return Date.from(d.atStartOfDay(Xml130Values.VIETNAM).toInstant());
    }

    private static BigDecimal decimal(String text) {
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }
}
