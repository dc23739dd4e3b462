package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.vnemr.emr.store.ClinicalStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One patient's records in exactly the shapes of docs/architecture/clinical-data.md: the facility, a department,
 * a clinic room, a doctor, an outpatient visit with a prescription, an order slip and a re-visit appointment, and
 * an inpatient stay with a referral paper, a discharge paper, a record summary and a treatment sheet.
 */
final class PrintFixtures {

    static final String V = "https://vnemr.org/fhir";
    static final String VN = "http://fhir.hl7.org.vn/core";
    static final String PATIENT_NAME = "Nguyễn Thị Hồng";
    static final String DOCTOR_NAME = "Trần Văn Bình";
    static final String MA_LK_OUT = "790012611250830001234";
    static final String MA_LK_IN = "790012611200915005678";
    static final String REQUISITION = "PCD2611250001";
    static final String PRESCRIPTION_CODE = "79001a1b2c3d4-C";

    String patient;
    String practitioner;
    /** The department whose visits these are: the printing doctor works there (the access matrix checks it). */
    String department;
    String outpatient;
    String inpatient;
    String prescription;
    String appointment;
    String referral;
    String discharge;
    String summary;
    String treatmentSheet;

    static PrintFixtures create(ClinicalStore store) {
        PrintFixtures f = new PrintFixtures();
        Organization facility = new Organization();
        facility.setId("facility");
        facility.setName("Bệnh viện Đa khoa Thủ Đức");
        facility.addIdentifier(new Identifier().setSystem(VN + "/sid/ma-cskcb").setValue("79001"));
        facility.setPartOf(new Reference().setDisplay("Sở Y tế Thành phố Hồ Chí Minh"));
        store.transaction(List.of(facility), null);

        List<Resource> all = new ArrayList<>();
        Organization department = add(all, new Organization());
        department.setName("Khoa Nội tổng hợp").setPartOf(new Reference("Organization/facility"))
                .addIdentifier(new Identifier().setSystem(V + "/sid/ma-khoa").setValue("K01"));
        department.addType().setText("noi");
        Organization laboratory = add(all, new Organization());
        laboratory.setName("Khoa Xét nghiệm").setPartOf(new Reference("Organization/facility"));
        laboratory.addType().setText("cls");
        Organization receiving = add(all, new Organization());
        receiving.setName("Bệnh viện Chợ Rẫy")
                .addIdentifier(new Identifier().setSystem(VN + "/sid/ma-cskcb").setValue("79009"));
        Location room = add(all, new Location());
        room.setName("Phòng khám Nội 1").setManagingOrganization(ref(department))
                .addIdentifier(new Identifier().setSystem(V + "/sid/phong-kham").setValue("PK01"));
        room.getPhysicalType().addCoding().setCode("ro");
        Practitioner doctor = add(all, new Practitioner());
        doctor.addName().setFamily("Trần Văn").addGiven("Bình");
        doctor.addIdentifier().setSystem(VN + "/sid/cchn").setValue("000123/HCM-CCHN");

        Patient patient = add(all, new Patient());
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("Nguyễn Thị").addGiven("Hồng");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1981-03-15"));
        patient.addIdentifier().setSystem(V + "/sid/ma-bn").setValue("BN00001234");
        patient.addAddress().setText("12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh");
        Coverage coverage = add(all, new Coverage());
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE).setBeneficiary(ref(patient))
                .addPayor(new Reference().setDisplay("BHXH Việt Nam"))
                .addIdentifier(new Identifier().setSystem(VN + "/sid/bhyt").setValue("GD4797912345678"));
        coverage.setPeriod(new Period().setStartElement(new DateTimeType("2026-01-01"))
                .setEndElement(new DateTimeType("2026-12-31")));
        coverage.addClass_().setValue("80").setType(new CodeableConcept().setText("muc-huong"));

        // the outpatient visit
        Encounter out = add(all, new Encounter());
        out.setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .setSubject(ref(patient)).setServiceProvider(ref(department))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-25T08:30:00+07:00")));
        out.addType().addCoding(new Coding(VN + "/CodeSystem/vn-encounter-type-cs", "01", "Khám bệnh"));
        out.addIdentifier().setSystem(VN + "/sid/ma-lk").setValue(MA_LK_OUT);
        out.addIdentifier().setSystem(V + "/sid/so-thu-tu").setValue("PK01-20261125-17");
        out.addLocation().setLocation(ref(room));
        out.addParticipant().setIndividual(ref(doctor)).addType().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("ATND");
        out.addReasonCode().setText("Ho, sốt 3 ngày");
        out.addExtension(VN + "/StructureDefinition/vn-ext-insurance-visit-type",
                new Coding(VN + "/CodeSystem/vn-insurance-visit-type-cs", "1.1", "Đúng tuyến"));
        Condition pneumonia = diagnosis(all, patient, out, "J18.9", "Viêm phổi, không đặc hiệu", 1, "billing");
        diagnosis(all, patient, out, "I10", "Bệnh lý tăng huyết áp vô căn", 2, "billing");

        MedicationRequest amoxicillin = drug(all, patient, out, doctor, "40.17", "Amoxicilin 500mg", 14, "Viên");
        amoxicillin.getDosageInstructionFirstRep().setText("Ngày uống 2 lần, mỗi lần 1 viên, sau ăn");
        MedicationRequest paracetamol = drug(all, patient, out, doctor, "40.55", "Paracetamol 500mg", 6, "Viên");
        Dosage sig = paracetamol.getDosageInstructionFirstRep();
        sig.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(3)
                .setPeriod(BigDecimal.ONE).setPeriodUnit(Timing.UnitsOfTime.D)));
        sig.addDoseAndRate().setDose(new Quantity().setValue(1).setUnit("viên"));
        Composition rx = composition(all, patient, out, doctor, "don-thuoc", "Đơn thuốc");
        rx.addSection().setTitle("Thuốc").setCode(section("thuoc")).addEntry(ref(amoxicillin))
                .addEntry(ref(paracetamol));
        rx.addSection().setTitle("Lời dặn").setCode(section("loi-dan"))
                .setText(narrative("<p>Uống nhiều nước, ăn đồ mềm; tái khám ngay nếu sốt cao.</p>"));
        rx.getSectionFirstRep().addEntry(ref(pneumonia));

        for (String[] service : List.of(new String[]{"22.0120.1370", "Tổng phân tích tế bào máu ngoại vi", "108252007"},
                new String[]{"18.0119.0028", "Chụp X-quang ngực thẳng", "363679005"})) {
            ServiceRequest order = add(all, new ServiceRequest());
            order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                    .setSubject(ref(patient)).setEncounter(ref(out)).setRequester(ref(doctor))
                    .setAuthoredOnElement(new DateTimeType("2026-11-25T09:10:00+07:00"))
                    .setRequisition(new Identifier().setSystem(V + "/sid/phieu-chi-dinh").setValue(REQUISITION))
                    .addPerformer(ref(laboratory));
            order.getCode().addCoding(new Coding(V + "/CodeSystem/catalogue-service", service[0], service[1]));
            order.addCategory().addCoding(new Coding("http://snomed.info/sct", service[2], null));
        }

        Appointment revisit = add(all, new Appointment());
        revisit.setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStartElement(new org.hl7.fhir.r4.model.InstantType("2026-12-02T08:00:00+07:00"))
                .setEndElement(new org.hl7.fhir.r4.model.InstantType("2026-12-02T08:15:00+07:00"))
                .setDescription("Mang theo đơn thuốc cũ và kết quả xét nghiệm")
                .setCreatedElement(new DateTimeType("2026-11-25T10:00:00+07:00"));
        revisit.getAppointmentType().setText("tai-kham");
        revisit.addIdentifier().setSystem(V + "/sid/giay-hen").setValue("GH-2026-0099");
        revisit.addParticipant().setActor(ref(patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        revisit.addParticipant().setActor(ref(doctor)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        revisit.addExtension(V + "/StructureDefinition/source-encounter", ref(out));

        // the inpatient stay
        Encounter stay = add(all, new Encounter());
        stay.setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"))
                .setSubject(ref(patient)).setServiceProvider(ref(department))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-20T09:15:00+07:00"))
                        .setEndElement(new DateTimeType("2026-11-27T14:00:00+07:00")));
        stay.addType().addCoding(new Coding(VN + "/CodeSystem/vn-encounter-type-cs", "03", "Điều trị nội trú"));
        stay.addIdentifier().setSystem(VN + "/sid/ma-lk").setValue(MA_LK_IN);
        stay.addExtension(VN + "/StructureDefinition/vn-ext-treatment-outcome",
                new Coding(VN + "/CodeSystem/vn-treatment-outcome-cs", "2", "Đỡ"));
        diagnosis(all, patient, stay, "J18.9", "Viêm phổi, không đặc hiệu", 1, "DD");
        diagnosis(all, patient, stay, "E11.9", "Bệnh đái tháo đường týp 2 không có biến chứng", 2, "DD");
        diagnosis(all, patient, stay, "J06.9", "Nhiễm trùng hô hấp trên cấp", 1, "AD");
        Observation leukocytes = add(all, new Observation());
        leukocytes.setStatus(Observation.ObservationStatus.FINAL).setSubject(ref(patient)).setEncounter(ref(stay))
                .setValue(new Quantity().setValue(new BigDecimal("12.5")).setUnit("G/L"));
        leukocytes.getCode().setText("Số lượng bạch cầu");

        Composition referral = composition(all, patient, stay, doctor, "giay-chuyen-tuyen", "Giấy chuyển tuyến");
        referral.setIdentifier(new Identifier().setSystem(V + "/sid/giay-chuyen-tuyen").setValue("125"));
        referral.addSection().setTitle("Dấu hiệu lâm sàng").setCode(section("dau-hieu-lam-sang"))
                .setText(narrative("<p>Sốt 39 độ, ran nổ đáy phổi phải.</p>"));
        referral.addSection().setTitle("Hướng điều trị").setCode(section("huong-dieu-tri"))
                .setText(narrative("<p>Tiếp tục kháng sinh, chụp cắt lớp vi tính ngực.</p>"));
        ServiceRequest referralOrder = add(all, new ServiceRequest());
        referralOrder.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(ref(patient))
                .setEncounter(ref(stay)).addPerformer(ref(receiving)).addSupportingInfo(ref(referral));
        referralOrder.addCategory().addCoding(new Coding("http://snomed.info/sct", "3457005", "Patient referral"));
        referralOrder.addReasonCode().addCoding(new Coding(V + "/CodeSystem/ly-do-chuyen-tuyen", "1", null));

        Composition discharge = composition(all, patient, stay, doctor, "giay-ra-vien", "Giấy ra viện");
        discharge.setIdentifier(new Identifier().setSystem(V + "/sid/so-luu-tru").setValue("LT-2026-00042"));
        discharge.addSection().setTitle("Phương pháp điều trị").setCode(section("phuong-phap-dieu-tri"))
                .setText(narrative("<p>Nội khoa: kháng sinh đường tĩnh mạch 7 ngày.</p>"));
        discharge.addSection().setTitle("Ghi chú").setCode(section("loi-dan"))
                .setText(narrative("<p>Nghỉ ngơi tại nhà, tái khám sau 7 ngày.</p>"));

        Composition summary = composition(all, patient, stay, doctor, "tom-tat-ho-so", "Tóm tắt hồ sơ bệnh án");
        summary.addSection().setTitle("Quá trình bệnh lý").setCode(section("qua-trinh-benh-ly"))
                .setText(narrative("<p>Vào viện vì sốt cao, ho có đờm; sau 3 ngày kháng sinh hết sốt.</p>"));
        summary.addSection().setTitle("Phương pháp điều trị").setCode(section("phuong-phap-dieu-tri"))
                .setText(narrative("<p>Nội khoa.</p>"));

        Composition sheet = composition(all, patient, stay, doctor, "to-dieu-tri", "Tờ điều trị");
        sheet.addSection().setTitle("Diễn biến bệnh").setCode(section("dien-bien"))
                .setText(narrative("<p>Ngày 21/11: còn sốt 38,5 độ, ho ít.</p><p>Phổi ran nổ giảm.</p>"));
        sheet.addSection().setTitle("Y lệnh").setCode(section("y-lenh"))
                .setText(narrative("<ul><li>Ceftriaxon 1g × 2 lọ, tiêm tĩnh mạch</li><li>Theo dõi nhiệt độ</li></ul>"));

        store.transaction(all, null);
        f.patient = patient.getIdPart();
        f.practitioner = doctor.getIdPart();
        f.department = department.getIdPart();
        f.outpatient = out.getIdPart();
        f.inpatient = stay.getIdPart();
        f.prescription = rx.getIdPart();
        f.appointment = revisit.getIdPart();
        f.referral = referral.getIdPart();
        f.discharge = discharge.getIdPart();
        f.summary = summary.getIdPart();
        f.treatmentSheet = sheet.getIdPart();
        return f;
    }

    private static <T extends Resource> T add(List<Resource> all, T resource) {
        resource.setId("urn:uuid:" + UUID.randomUUID());
        all.add(resource);
        return resource;
    }

    private static Reference ref(Resource resource) {
        String id = resource.getIdElement().getValue();
        return new Reference(id.startsWith("urn:uuid:") ? id : resource.fhirType() + "/" + resource.getIdPart());
    }

    private static Condition diagnosis(List<Resource> all, Patient patient, Encounter encounter, String code,
                                       String name, int rank, String use) {
        Condition condition = add(all, new Condition());
        condition.setSubject(ref(patient)).setEncounter(ref(encounter));
        condition.getCode().addCoding(new Coding(VN + "/CodeSystem/vn-icd10-cs", code, name));
        condition.addCategory().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null));
        encounter.addDiagnosis().setCondition(ref(condition)).setRank(rank).getUse().addCoding(
                new Coding("http://terminology.hl7.org/CodeSystem/diagnosis-role", use, null));
        return condition;
    }

    private static MedicationRequest drug(List<Resource> all, Patient patient, Encounter encounter,
                                          Practitioner doctor, String code, String name, int quantity,
                                          String unit) {
        MedicationRequest line = add(all, new MedicationRequest());
        line.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER).setSubject(ref(patient))
                .setEncounter(ref(encounter)).setRequester(ref(doctor))
                .setAuthoredOnElement(new DateTimeType("2026-11-25T09:40:00+07:00"))
                .setGroupIdentifier(new Identifier().setSystem(V + "/sid/ma-don-thuoc").setValue(PRESCRIPTION_CODE))
                .setMedication(new CodeableConcept().addCoding(new Coding(V + "/CodeSystem/catalogue-drug", code,
                        name)));
        line.getCourseOfTherapyType().setText("thuong");
        line.addDosageInstruction();
        line.getDispenseRequest().setQuantity(new Quantity().setValue(quantity).setUnit(unit))
                .getExpectedSupplyDuration().setValue(7).setUnit("ngày");
        return line;
    }

    private static Composition composition(List<Resource> all, Patient patient, Encounter encounter,
                                           Practitioner doctor, String type, String title) {
        Composition c = add(all, new Composition());
        c.setStatus(Composition.CompositionStatus.FINAL).setSubject(ref(patient)).setEncounter(ref(encounter))
                .setDateElement(new DateTimeType("2026-11-27T10:00:00+07:00")).setTitle(title).addAuthor(ref(doctor));
        c.getType().addCoding(new Coding(V + "/CodeSystem/document-type", type, title));
        return c;
    }

    private static CodeableConcept section(String code) {
        return new CodeableConcept().addCoding(new Coding(V + "/CodeSystem/document-section", code, null));
    }

    private static Narrative narrative(String xhtml) {
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + xhtml + "</div>");
        return n;
    }

}
