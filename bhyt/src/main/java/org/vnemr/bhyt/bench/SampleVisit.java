package org.vnemr.bhyt.bench;

import org.hl7.fhir.r4.model.Appointment;
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
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.vnemr.bhyt.mapping.ContractUrls;
import org.vnemr.bhyt.mapping.VisitRecord;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A synthetic inpatient stay — for tests and the benchmark, never real data — written exactly as docs/architecture/clinical-data.md says the screens write it: patient with
 * card, admission through the outpatient department, two department stays, diagnoses, drugs, a lab test with
 * results, an X-ray, bed-days and a supply (each with its charge split), daily treatment sheets, discharge paper,
 * record summary, referral to another hospital and a re-visit appointment.
 */
public final class SampleVisit {

    public static final String MA_LK = "790012611200830001234";
    public static final String MA_CSKCB = "79001";

    private SampleVisit() {
    }

    static Date at(String isoLocal) {
        return Date.from(OffsetDateTime.parse(isoLocal + "+07:00").toInstant());
    }

    static Identifier id(String system, String value) {
        return new Identifier().setSystem(system).setValue(value);
    }

    static CodeableConcept cc(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    static Extension split(String total, String bhyt, String patient, String out) {
        Extension e = new Extension(ContractUrls.EXT_CHARGE_SPLIT);
        e.addExtension("total", money(total));
        e.addExtension("bhyt", money(bhyt));
        e.addExtension("patient", money(patient));
        e.addExtension("outOfScope", money(out));
        return e;
    }

    static Money money(String v) {
        return new Money().setValue(new BigDecimal(v)).setCurrency("VND");
    }

    static Narrative text(String s) {
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText(s);
        n.setDiv(div);
        return n;
    }

    static Composition paper(String id, String type, String title, String date, String number, String... sections) {
        Composition c = new Composition();
        c.setId(id);
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.setType(cc(ContractUrls.CS_DOCUMENT_TYPE, type, title));
        c.setSubject(new Reference("Patient/p1"));
        c.setEncounter(new Reference("Encounter/e1"));
        c.setDate(at(date));
        c.addAuthor(new Reference("Practitioner/dr1"));
        c.setTitle(title);
        if (number != null) {
            c.setIdentifier(id(ContractUrls.SID_PAPER_NUMBER, number));
        }
        for (int i = 0; i + 1 < sections.length; i += 2) {
            c.addSection().setTitle(sections[i])
                    .setCode(cc(ContractUrls.CS_DOCUMENT_SECTION, sections[i], null)).setText(text(sections[i + 1]));
        }
        return c;
    }

    static ChargeItem charge(String id, Coding code, String service, String when, String qty, String unit,
                             String price, String total, String bhyt, String patient, String out) {
        ChargeItem c = new ChargeItem();
        c.setId(id);
        c.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
        c.setCode(new CodeableConcept(code));
        c.setSubject(new Reference("Patient/p1"));
        c.setContext(new Reference("Encounter/e1"));
        c.setOccurrence(new DateTimeType(at(when)));
        c.setQuantity(new Quantity().setValue(new BigDecimal(qty)).setUnit(unit));
        c.setPriceOverride(money(price));
        if (service != null) {
            c.addSupportingInformation(new Reference(service));
        }
        c.addExtension(split(total, bhyt, patient, out));
        return c;
    }

    public static VisitRecord inpatientWithReferral() {
        return inpatientWithReferral(0);
    }

    /** The same stay with a different MA_LK and patient code for each {@code n} (benchmark dossiers). */
    public static VisitRecord inpatientWithReferral(int n) {
        VisitRecord v = build();
        if (n > 0) {
            v.encounter.getIdentifier().get(0).setValue(MA_LK.substring(0, MA_LK.length() - 7) + String.format("%07d", n));
            v.patient.getIdentifier().get(0).setValue(String.format("BN%08d", n));
        }
        return v;
    }

    private static VisitRecord build() {
        VisitRecord v = new VisitRecord();
        Organization facility = new Organization();
        facility.setId("facility");
        facility.addIdentifier(id(ContractUrls.SID_MA_CSKCB, MA_CSKCB)).setName("Bệnh viện Đa khoa Mẫu");
        v.facility = facility;
        v.organizations.put("Organization/facility", facility);
        for (String[] d : new String[][]{{"k01", "K01", "Khoa Khám bệnh"}, {"k03", "K03", "Khoa Nội tổng hợp"},
                {"k26", "K26", "Khoa Xét nghiệm"}}) {
            Organization dept = new Organization();
            dept.setId(d[0]);
            dept.addIdentifier(id(ContractUrls.SID_MA_KHOA, d[1])).setName(d[2]).setPartOf(new Reference("Organization/facility"));
            v.organizations.put("Organization/" + d[0], dept);
        }
        Organization receiving = new Organization();
        receiving.setId("bvtw");
        receiving.addIdentifier(id(ContractUrls.SID_MA_CSKCB, "01929")).setName("Bệnh viện Bạch Mai");
        v.organizations.put("Organization/bvtw", receiving);
        for (String[] p : new String[][]{{"dr1", "000123/HCM-CCHN", "Trần Văn Đức"}, {"dr2", "004567/HCM-CCHN", "Lê Thị Mai"}}) {
            Practitioner dr = new Practitioner();
            dr.setId(p[0]);
            dr.addIdentifier(id(ContractUrls.SID_CCHN, p[1]));
            dr.addName().setText(p[2]);
            v.practitioners.put("Practitioner/" + p[0], dr);
        }

        Patient patient = new Patient();
        patient.setId("p1");
        patient.addIdentifier(id(ContractUrls.SID_MA_BN, "BN00001234"));
        patient.addIdentifier(id(ContractUrls.SID_CCCD, "079080001234"));
        patient.addName().setText("Nguyễn Thị Hương");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1980-03-14"));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0901234567");
        patient.addExtension(ContractUrls.EXT_NATIONALITY, new Coding(ContractUrls.CS_NATIONALITY, "000", "Việt Nam"));
        patient.addExtension(ContractUrls.EXT_ETHNICITY, new Coding(ContractUrls.CS_ETHNICITY, "01", "Kinh"));
        patient.addExtension(ContractUrls.EXT_OCCUPATION, new Coding(ContractUrls.CS_OCCUPATION, "05", null));
        var address = patient.addAddress().setText("12 Lê Lợi, Phường Bến Thành, TP Hồ Chí Minh");
        address.addExtension(ContractUrls.EXT_PROVINCE, new Coding(null, "79", null));
        address.addExtension(ContractUrls.EXT_DISTRICT, new Coding(null, "760", null));
        address.addExtension(ContractUrls.EXT_WARD, new Coding(null, "26734", null));
        v.patient = patient;

        Coverage coverage = new Coverage();
        coverage.setId("cov1");
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/p1"));
        coverage.addPayor().setDisplay("BHXH Việt Nam");
        coverage.addIdentifier(id(ContractUrls.SID_BHYT, "DN4797900123456"));
        coverage.setPeriod(new Period().setStart(at("2026-01-01T00:00:00")).setEnd(at("2026-12-31T00:00:00")));
        coverage.addExtension(ContractUrls.EXT_PRIMARY_CARE,
                new Reference().setIdentifier(id(ContractUrls.SID_MA_CSKCB, "79001")));
        coverage.addClass_().setType(new CodeableConcept().setText("muc-huong")).setValue("80");
        v.coverage = coverage;

        Encounter e = new Encounter();
        e.setId("e1");
        e.addIdentifier(id(ContractUrls.SID_MA_LK, MA_LK));
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        e.addType(cc(ContractUrls.CS_ENCOUNTER_TYPE, "03", "Điều trị nội trú"));
        e.addExtension(ContractUrls.EXT_VISIT_TYPE, new Coding(ContractUrls.CS_VISIT_TYPE, "1.1", null));
        e.addExtension(ContractUrls.EXT_OUTCOME, new Coding(ContractUrls.CS_OUTCOME, "2", "Đỡ"));
        e.setSubject(new Reference("Patient/p1"));
        e.setServiceProvider(new Reference("Organization/k03"));
        e.setPeriod(new Period().setStart(at("2026-11-20T08:30:00")).setEnd(at("2026-11-24T10:00:00")));
        e.addReasonCode().setText("Sốt cao, ho, khó thở 3 ngày");
        e.getHospitalization().setDischargeDisposition(cc(ContractUrls.CS_DISCHARGE, "2", "Chuyển tuyến"));
        e.addParticipant().setIndividual(new Reference("Practitioner/dr1"));
        e.addLocation().setLocation(new Reference().setIdentifier(id(ContractUrls.SID_MA_GIUONG, "K03.G12")));
        e.addDiagnosis().setCondition(new Reference("Condition/c-ad")).setRank(1)
                .setUse(cc("http://terminology.hl7.org/CodeSystem/diagnosis-role", "AD", null));
        e.addDiagnosis().setCondition(new Reference("Condition/c-main")).setRank(1)
                .setUse(cc("http://terminology.hl7.org/CodeSystem/diagnosis-role", "billing", null));
        e.addDiagnosis().setCondition(new Reference("Condition/c-htn")).setRank(2)
                .setUse(cc("http://terminology.hl7.org/CodeSystem/diagnosis-role", "billing", null));
        v.encounter = e;
        for (String[] s : new String[][]{{"s1", "k01", "2026-11-20T08:30:00", "2026-11-20T09:30:00"},
                {"s2", "k03", "2026-11-20T09:30:00", "2026-11-24T10:00:00"}}) {
            Encounter stay = new Encounter();
            stay.setId(s[0]);
            stay.setStatus(Encounter.EncounterStatus.FINISHED);
            stay.setClass_(e.getClass_());
            stay.setSubject(new Reference("Patient/p1"));
            stay.setPartOf(new Reference("Encounter/e1"));
            stay.setServiceProvider(new Reference("Organization/" + s[1]));
            stay.setPeriod(new Period().setStart(at(s[2])).setEnd(at(s[3])));
            v.departmentStays.add(stay);
        }
        v.conditions.add(condition("c-ad", null, "Viêm phổi", null));
        v.conditions.add(condition("c-main", "J18.9", "Viêm phổi, không đặc hiệu", "U50.011"));
        v.conditions.add(condition("c-htn", "I10", "Tăng huyết áp vô căn", null));

        MedicationRequest med = new MedicationRequest();
        med.setId("m1");
        med.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        med.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        med.setMedication(cc(ContractUrls.CS_DRUG, "40.153", "Amoxicilin 500mg"));
        med.setSubject(new Reference("Patient/p1"));
        med.setEncounter(new Reference("Encounter/e1"));
        med.setRequester(new Reference("Practitioner/dr1"));
        med.setAuthoredOn(at("2026-11-20T10:00:00"));
        Dosage dosage = med.addDosageInstruction().setText("Uống sau ăn, sáng 1 viên, chiều 1 viên");
        dosage.setRoute(cc(ContractUrls.CS_ROUTE, "1.01", "Uống"));
        dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(2).setPeriod(1)
                .setPeriodUnit(Timing.UnitsOfTime.D)));
        dosage.addDoseAndRate().setDose(new Quantity().setValue(1).setUnit("viên"));
        v.medications.add(med);

        ServiceRequest lab = serviceRequest("sr-lab", ContractUrls.LAB, "23.0020.1494", "Tổng phân tích tế bào máu",
                "2026-11-20T10:00:00");
        ServiceRequest xray = serviceRequest("sr-xray", ContractUrls.IMAGING, "18.0071.0028", "Chụp X-quang ngực thẳng",
                "2026-11-20T10:05:00");
        ServiceRequest referral = serviceRequest("sr-ref", ContractUrls.REFERRAL, null, null, "2026-11-24T09:00:00");
        referral.addPerformer(new Reference("Organization/bvtw"));
        referral.addReasonCode(cc("https://vnemr.org/fhir/CodeSystem/ly-do-chuyen-tuyen", "1", "Đủ điều kiện chuyển tuyến"));
        v.serviceRequests.addAll(List.of(lab, xray, referral));

        Observation wbc = observation("o-wbc", "WBC", "Số lượng bạch cầu", "12.5", "G/L", "2026-11-20T11:00:00");
        Observation hgb = observation("o-hgb", "HGB", "Huyết sắc tố", "128", "g/L", "2026-11-20T11:00:00");
        Observation weight = vital("o-wt", "29463-7", "52.5", "kg", "2026-11-20T08:40:00");
        Observation height = vital("o-ht", "8302-2", "158", "cm", "2026-11-20T08:40:00");
        v.observations.addAll(List.of(wbc, hgb, weight, height));
        DiagnosticReport report = new DiagnosticReport();
        report.setId("dr-lab");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addBasedOn(new Reference("ServiceRequest/sr-lab"));
        report.setCode(cc(ContractUrls.CS_SERVICE, "23.0020.1494", "Tổng phân tích tế bào máu"));
        report.setSubject(new Reference("Patient/p1"));
        report.setEncounter(new Reference("Encounter/e1"));
        report.setEffective(new DateTimeType(at("2026-11-20T11:00:00")));
        report.addResultsInterpreter(new Reference("Practitioner/dr2"));
        report.addResult(new Reference("Observation/o-wbc"));
        report.addResult(new Reference("Observation/o-hgb"));
        report.setConclusion("Bạch cầu tăng");
        v.reports.add(report);

        v.charges.add(charge("ch-exam", new Coding(ContractUrls.CS_SERVICE, "02.1896", "Khám Nội"), null,
                "2026-11-20T08:45:00", "1", "lần", "38700", "38700", "30960", "7740", "0"));
        v.charges.add(charge("ch-lab", new Coding(ContractUrls.CS_SERVICE, "23.0020.1494", "Tổng phân tích tế bào máu"),
                "ServiceRequest/sr-lab", "2026-11-20T10:30:00", "1", "lần", "46200", "46200", "36960", "9240", "0"));
        v.charges.add(charge("ch-xray", new Coding(ContractUrls.CS_SERVICE, "18.0071.0028", "Chụp X-quang ngực thẳng"),
                "ServiceRequest/sr-xray", "2026-11-20T10:40:00", "1", "lần", "65400", "65400", "52320", "13080", "0"));
        v.charges.add(charge("ch-drug", new Coding(ContractUrls.CS_DRUG, "40.153", "Amoxicilin 500mg"),
                "MedicationRequest/m1", "2026-11-20T10:15:00", "10", "viên", "1250.5", "12505", "10004", "2501", "0"));
        v.charges.add(charge("ch-bed", new Coding(ContractUrls.CS_BED, "K03.1901", "Giường Nội khoa loại 1"),
                "Encounter/e1", "2026-11-24T09:45:00", "4", "ngày", "245200", "980800", "784640", "196160", "0"));
        v.charges.add(charge("ch-supply", new Coding(ContractUrls.CS_SUPPLY, "N03.05.010", "Bơm tiêm 5ml"), null,
                "2026-11-21T08:00:00", "3", "cái", "1155.333", "3466", "0", "0", "3466"));

        v.compositions.add(paper("tdt1", "to-dieu-tri", "Tờ điều trị", "2026-11-21T08:00:00", null,
                "dien-bien", "Sốt giảm, còn ho", "giai-doan-benh", "Giai đoạn cấp", "hoi-chan", "", "phau-thuat", ""));
        v.compositions.add(paper("tdt2", "to-dieu-tri", "Tờ điều trị", "2026-11-22T08:00:00", null,
                "dien-bien", "Hết sốt, ran phổi giảm", "giai-doan-benh", "", "hoi-chan", "Hội chẩn khoa", "phau-thuat", ""));
        v.compositions.add(paper("grv", "giay-ra-vien", "Giấy ra viện", "2026-11-24T09:30:00", "RV-2026-00123",
                "chan-doan", "Viêm phổi (J18.9); Tăng huyết áp (I10)", "phuong-phap-dieu-tri", "Nội khoa, kháng sinh",
                "loi-dan", "Tái khám sau 2 tuần"));
        v.compositions.add(paper("tths", "tom-tat-ho-so", "Tóm tắt hồ sơ bệnh án", "2026-11-24T09:30:00", null,
                "qua-trinh-benh-ly", "Sốt, ho 3 ngày trước vào viện", "tom-tat-ket-qua-cls", "Bạch cầu 12,5 G/L; X-quang mờ đáy phổi phải",
                "phuong-phap-dieu-tri", "Nội khoa, kháng sinh", "loi-dan", "Tái khám sau 2 tuần"));
        v.compositions.add(paper("gct", "giay-chuyen-tuyen", "Giấy chuyển tuyến", "2026-11-24T09:00:00", "CT-2026-00045",
                "dau-hieu-lam-sang", "Ran nổ đáy phổi phải", "qua-trinh-benh-ly", "Sốt, ho 3 ngày",
                "tom-tat-ket-qua-cls", "Bạch cầu tăng", "phuong-phap-dieu-tri", "Kháng sinh",
                "dich-vu-da-lam", "Tổng phân tích tế bào máu; X-quang ngực", "thuoc-da-dung", "Amoxicilin 500mg",
                "huong-dieu-tri", "Tiếp tục kháng sinh, chụp CT ngực", "phuong-tien-van-chuyen", "Xe cứu thương",
                "nguoi-ho-tong", "Điều dưỡng Phạm Văn Bình"));

        Appointment appointment = new Appointment();
        appointment.setId("ap1");
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.addIdentifier(id(ContractUrls.SID_PAPER_NUMBER, "HK-2026-00077"));
        appointment.setAppointmentType(new CodeableConcept().setText("tai-kham"));
        appointment.setStart(at("2026-12-08T08:00:00"));
        appointment.setCreated(at("2026-11-24T09:40:00"));
        appointment.setDescription("Tái khám sau 2 tuần");
        appointment.addExtension(ContractUrls.EXT_SOURCE_ENCOUNTER, new Reference("Encounter/e1"));
        appointment.addParticipant().setActor(new Reference("Patient/p1"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference("Practitioner/dr1"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        v.appointments.add(appointment);
        return v;
    }

    static Condition condition(String id, String icd, String text, String yhct) {
        Condition c = new Condition();
        c.setId(id);
        CodeableConcept code = new CodeableConcept().setText(text);
        if (icd != null) {
            code.addCoding(new Coding(ContractUrls.CS_ICD10, icd, null));
        }
        if (yhct != null) {
            code.addCoding(new Coding(ContractUrls.CS_YHCT, yhct, null));
        }
        c.setCode(code);
        c.addCategory(cc("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null));
        c.setSubject(new Reference("Patient/p1"));
        c.setEncounter(new Reference("Encounter/e1"));
        return c;
    }

    static ServiceRequest serviceRequest(String id, String category, String code, String display, String when) {
        ServiceRequest s = new ServiceRequest();
        s.setId(id);
        s.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        s.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        s.addCategory(cc(ContractUrls.SNOMED, category, null));
        if (code != null) {
            s.setCode(cc(ContractUrls.CS_SERVICE, code, display));
        }
        s.setSubject(new Reference("Patient/p1"));
        s.setEncounter(new Reference("Encounter/e1"));
        s.setRequester(new Reference("Practitioner/dr1"));
        s.setAuthoredOn(at(when));
        return s;
    }

    static Observation observation(String id, String code, String name, String value, String unit, String when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(cc(ContractUrls.CS_SERVICE, code, name));
        o.setSubject(new Reference("Patient/p1"));
        o.setEncounter(new Reference("Encounter/e1"));
        o.setEffective(new DateTimeType(at(when)));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        return o;
    }

    static Observation vital(String id, String loinc, String value, String unit, String when) {
        Observation o = observation(id, loinc, null, value, unit, when);
        o.setCode(cc(ContractUrls.LOINC, loinc, null));
        o.addCategory(cc("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null));
        return o;
    }

    /** Every resource of the visit, for storing it in a test database. */
    public static List<Resource> resources(VisitRecord v) {
        List<Resource> all = new ArrayList<>();
        all.addAll(v.organizations.values());
        all.addAll(v.practitioners.values());
        all.add(v.patient);
        all.add(v.coverage);
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


}
