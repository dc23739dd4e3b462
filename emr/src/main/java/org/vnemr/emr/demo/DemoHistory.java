package org.vnemr.emr.demo;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Address;
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
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.vncore.synthetic.VietnameseNames;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.LegacyProvince;
import org.vnemr.vncore.address.Province;
import org.vnemr.vncore.address.Ward;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.UUID;

/**
 * One synthetic patient with their history, as the resources of one transaction, shaped exactly as
 * docs/architecture/clinical-data.md says: the card ({@code Coverage}), past outpatient visits (vitals, ICD-10
 * diagnoses, orders with results, prescriptions, priced and split charges, examination record), optionally a past
 * or current inpatient stay (admission from a visit, bed period, discharge paper) and a place in today's queue.
 * Patient {@code i} depends only on the seed, {@code i} and the day it is generated for.
 */
final class DemoHistory {

    static final String V = "https://vnemr.org/fhir";
    static final String DEMO_TAG_SYSTEM = V + "/CodeSystem/demo-data";
    static final String DEMO_TAG = "demo";
    static final String MRN_SYSTEM = V + "/sid/ma-bn";
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final TimeZone TIME_ZONE = TimeZone.getTimeZone(ZONE);
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    private static final DateTimeFormatter MA_LK_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** What this patient is, beyond the outpatient history every patient has. */
    record Plan(int index, LocalDate today, PastStay pastStay, OpenStay openStay, QueuePlace queue) {
    }

    /** A finished stay in {@code bed} from {@code start} for {@code days} days. */
    record PastStay(DemoFacilityPlan.Bed bed, LocalDateTime start, int days) {
    }

    /** A stay still open, in {@code bed} since {@code start}. */
    record OpenStay(DemoFacilityPlan.Bed bed, LocalDateTime start) {
    }

    /** Number {@code number} in today's queue of {@code room}, arrived at {@code arrived}. */
    record QueuePlace(DemoFacilityPlan.Room room, int number, LocalDateTime arrived) {
    }

    /** A charge to price, kept with the resource it bills (its stored id is known only after the transaction). */
    record Billable(Encounter visit, CatalogueKind kind, String code, BigDecimal quantity, LocalDateTime when,
                    Resource service) {
        ChargeCapture.Billable toCapture() {
            return new ChargeCapture.Billable(kind, code, quantity, when.atZone(ZONE).toInstant(),
                    new Reference(service.getIdElement().toUnqualifiedVersionless().getValue()));
        }
    }

    /** The transaction's resources, and the charges still to price when a ChargeCapture does it. */
    record Generated(String mrn, List<Resource> resources, List<Billable> unpriced, int visits, int stays) {
    }

    private final long seed;
    private final AdministrativeUnits units;
    private final List<Ward> wards;
    private final List<LegacyProvince> birthProvinces;
    private final DemoPrices prices;

    DemoHistory(long seed, AdministrativeUnits units, DemoPrices prices) {
        this.seed = seed;
        this.units = units;
        this.wards = List.copyOf(units.wards());
        this.birthProvinces = units.legacyProvinces().stream()
                .filter(p -> units.mapProvince(p.code()).isPresent()).toList();
        this.prices = prices;
    }

    static String mrn(int index) {
        return "BN" + String.format("%08d", index + 1);
    }

    /**
     * @param priceHere true: write the ChargeItems with the split ourselves; false: leave them to ChargeCapture
     */
    Generated generate(Plan plan, boolean priceHere) {
        return new Builder(plan, priceHere).build();
    }

    private final class Builder {
        private final Plan plan;
        private final boolean priceHere;
        private final SplittableRandom random;
        private final List<Resource> out = new ArrayList<>();
        private final List<Billable> unpriced = new ArrayList<>();
        private Patient patient;
        private Coverage coverage;
        private Integer benefitLevel;
        private boolean male;
        private LocalDate birthDate;
        private final List<DemoCodes.Diagnosis> chronic = new ArrayList<>();
        private int visits;
        private int stays;

        Builder(Plan plan, boolean priceHere) {
            this.plan = plan;
            this.priceHere = priceHere;
            this.random = new SplittableRandom(seed * 1_000_003L + plan.index() * 7919L + 17);
        }

        Generated build() {
            male = random.nextBoolean();
            int band = random.nextInt(100);
            int age = band < 15 ? random.nextInt(16) : band < 70 ? 16 + random.nextInt(44) : 60 + random.nextInt(28);
            if (plan.pastStay() != null || plan.openStay() != null) {
                age = 18 + random.nextInt(65); // stays are in the adult departments
            }
            birthDate = plan.today().minusYears(age).minusDays(1 + random.nextInt(360));
            patient();
            if (random.nextInt(100) < 85) {
                coverage();
            }
            if (age >= 35 && random.nextInt(100) < 40) {
                List<DemoCodes.Diagnosis> eligible = DemoCodes.CHRONIC.stream().filter(d -> age(plan.today()) >= d.minAge())
                        .toList();
                chronic.add(eligible.get(random.nextInt(eligible.size())));
            }
            int outpatient = 1 + random.nextInt(3);
            List<Integer> daysAgo = new ArrayList<>();
            for (int i = 0; i < outpatient; i++) {
                daysAgo.add(2 + random.nextInt(280));
            }
            daysAgo.sort((a, b) -> b - a);
            for (int ago : daysAgo) {
                LocalDate day = plan.today().minusDays(ago);
                if (overlapsStay(day)) {
                    continue;
                }
                outpatientVisit(day.atTime(7 + random.nextInt(9), random.nextInt(60)), null);
            }
            if (plan.pastStay() != null) {
                stay(plan.pastStay().bed(), plan.pastStay().start(), plan.pastStay().days());
            }
            if (plan.openStay() != null) {
                stay(plan.openStay().bed(), plan.openStay().start(), 0);
            }
            if (plan.queue() != null) {
                queued(plan.queue());
            }
            return new Generated(mrn(plan.index()), out, unpriced, visits, stays);
        }

        private boolean overlapsStay(LocalDate day) {
            for (LocalDateTime start : new LocalDateTime[] {
                    plan.pastStay() == null ? null : plan.pastStay().start(),
                    plan.openStay() == null ? null : plan.openStay().start()}) {
                if (start != null && !day.isBefore(start.toLocalDate().minusDays(1))
                        && !day.isAfter(start.toLocalDate().plusDays(10))) {
                    return true;
                }
            }
            return false;
        }

        private int age(LocalDate on) {
            return (int) ChronoUnit.YEARS.between(birthDate, on);
        }

        // ---- patient and card ------------------------------------------------------------------------

        private void patient() {
            patient = add(new Patient());
            VietnameseNames.Name name = VietnameseNames.get().pick(random, male);
            Ward ward = wards.get(random.nextInt(wards.size()));
            Province province = units.province(ward.provinceCode()).orElseThrow();
            patient.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(MRN_SYSTEM)
                    .setValue(mrn(plan.index()));
            patient.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setType(new CodeableConcept(new Coding(VnCoreUrls.CS_IDENTIFIER_TYPE, "CCCD",
                            "Căn cước công dân")))
                    .setSystem(VnCoreUrls.SID_CCCD).setValue(cccd());
            patient.setActive(true);
            HumanName humanName = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(name.text())
                    .setFamily(name.family());
            humanName.addGiven(name.middle()).addGiven(name.given());
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE)
                    .setValue("0" + "35789".charAt(random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)));
            patient.setGender(male ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
            patient.setBirthDateElement(new DateType(java.sql.Date.valueOf(birthDate), TemporalPrecisionEnum.DAY));
            String line = "Số " + (1 + random.nextInt(250)) + ", tổ " + (1 + random.nextInt(30));
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME).setType(Address.AddressType.PHYSICAL)
                    .setText(line + ", " + ward.fullName() + ", " + province.fullName()).setCity(ward.fullName())
                    .setState(province.fullName()).setCountry("VN");
            address.addLine(line);
            address.addExtension(VnCoreUrls.EXT_PROVINCE, new Coding(VnCoreUrls.CS_PROVINCE, province.code(),
                    province.fullName()));
            address.addExtension(VnCoreUrls.EXT_WARD, new Coding(VnCoreUrls.CS_WARD, ward.code(), ward.fullName()));
            boolean kinh = random.nextInt(100) < 86;
            patient.addExtension(VnCoreUrls.EXT_ETHNICITY, new CodeableConcept(new Coding(VnCoreUrls.CS_ETHNICITY,
                    kinh ? "01" : List.of("02", "03", "04", "05", "06", "07").get(random.nextInt(6)), null)));
        }

        /** Legacy birth province, century-and-sex digit, birth year, 6 random digits (see vn-core's Cccd). */
        private String cccd() {
            LegacyProvince p = birthProvinces.get(random.nextInt(birthProvinces.size()));
            int centurySex = (birthDate.getYear() >= 2000 ? 2 : 0) + (male ? 0 : 1);
            return "0" + p.code() + centurySex + String.format("%02d", birthDate.getYear() % 100)
                    + String.format("%06d", random.nextInt(1_000_000));
        }

        private void coverage() {
            int age = age(plan.today());
            String group;
            int level;
            if (age < 6) {
                group = "TE";
                level = 1;
            } else if (age < 18) {
                group = "HS";
                level = 4;
            } else if (age >= 60 && random.nextBoolean()) {
                group = "HT";
                level = 3;
            } else {
                group = List.of("DN", "DN", "HC", "GD", "HN", "CN").get(random.nextInt(6));
                level = switch (group) {
                    case "HN" -> 1;
                    case "CN" -> 2;
                    default -> 4;
                };
            }
            // mức hưởng: levels 1–2 → 100 %, 3 → 95 %, 4–5 → 80 %
            benefitLevel = level <= 2 ? 100 : level == 3 ? 95 : 80;
            String number = group + level + DemoFacilityPlan.FACILITY_CODE.substring(0, 2)
                    + String.format("%010d", random.nextLong(10_000_000_000L));
            patient.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY)
                    .setType(new CodeableConcept(new Coding(VnCoreUrls.CS_IDENTIFIER_TYPE, "BHYT", "Thẻ BHYT")))
                    .setSystem(VnCoreUrls.SID_BHYT).setValue(number);
            coverage = add(new Coverage());
            coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
            coverage.addIdentifier().setSystem(VnCoreUrls.SID_BHYT).setValue(number);
            coverage.setBeneficiary(ref(patient));
            coverage.addPayor().setDisplay("BHXH Việt Nam");
            LocalDate from = plan.today().minusYears(1).withDayOfYear(1);
            LocalDate to = plan.today().withMonth(12).withDayOfMonth(31);
            coverage.getPeriod().setStartElement(new DateTimeType(java.sql.Date.valueOf(from), TemporalPrecisionEnum.DAY,
                    TIME_ZONE)).setEndElement(new DateTimeType(java.sql.Date.valueOf(to), TemporalPrecisionEnum.DAY,
                    TIME_ZONE));
            coverage.addExtension(new Extension(VnCoreUrls.EXT_PRIMARY_CARE_FACILITY, new Reference()
                    .setIdentifier(new Identifier().setSystem(VnCoreUrls.SID_MA_CSKCB)
                            .setValue(DemoFacilityPlan.FACILITY_CODE)).setDisplay(DemoFacilityPlan.FACILITY_NAME)));
            coverage.addExtension(new Extension(VnCoreUrls.EXT_BHYT_CARD_TYPE,
                    new CodeableConcept(new Coding(VnCoreUrls.CS_BHYT_CARD_TYPE, group, null))));
            coverage.addClass_().setType(new CodeableConcept().setText("muc-huong"))
                    .setValue(String.valueOf(benefitLevel));
        }

        // ---- visits ----------------------------------------------------------------------------------

        /** A finished outpatient visit; {@code forced} names the main diagnosis of a visit that ends in admission. */
        private Encounter outpatientVisit(LocalDateTime start, DemoCodes.Diagnosis forced) {
            visits++;
            int roomIndex = random.nextInt(DemoFacilityPlan.ROOMS.size());
            DemoFacilityPlan.Room room = DemoFacilityPlan.ROOMS.get(roomIndex);
            String doctor = "Practitioner/nv-bs-kb" + (roomIndex + 1);
            LocalDateTime end = start.plusMinutes(30 + random.nextInt(90));
            DemoCodes.Diagnosis main = forced != null ? forced
                    : !chronic.isEmpty() && random.nextBoolean() ? chronic.get(0) : acuteFor(age(start.toLocalDate()));
            List<DemoCodes.Diagnosis> diagnoses = new ArrayList<>(List.of(main));
            if (!chronic.isEmpty() && chronic.get(0) != main) {
                diagnoses.add(chronic.get(0));
            }
            Encounter visit = encounter("AMB", "ambulatory", "01", "Khám bệnh", start, end,
                    "Organization/khoa-kham-benh", "Location/" + room.id(), doctor, DemoCodes.reason(main));
            visit.addIdentifier().setSystem(V + "/sid/so-thu-tu")
                    .setValue(room.code() + "-" + DAY.format(start) + "-" + (1 + random.nextInt(60)));
            visit.setStatus(Encounter.EncounterStatus.FINISHED);
            List<Condition> conditions = diagnose(visit, diagnoses, start.plusMinutes(20), doctor, "billing");
            vitals(visit, start.plusMinutes(5), "Practitioner/nv-dd-kb1");
            Set<String> tests = new LinkedHashSet<>();
            diagnoses.forEach(d -> tests.addAll(d.tests()));
            orderTests(visit, List.copyOf(tests), start.plusMinutes(25), doctor);
            if (forced == null) {
                prescribe(visit, diagnoses, end.minusMinutes(5), doctor, "outpatient");
            }
            examinationRecord(visit, conditions, end, doctor);
            return visit;
        }

        private DemoCodes.Diagnosis acuteFor(int age) {
            List<DemoCodes.Diagnosis> eligible = DemoCodes.ACUTE.stream().filter(d -> age >= d.minAge()).toList();
            return eligible.get(random.nextInt(eligible.size()));
        }

        /** Admission from an outpatient visit, the stay in a bed, and (when {@code days} > 0) the discharge. */
        private void stay(DemoFacilityPlan.Bed bed, LocalDateTime start, int days) {
            stays++;
            DemoFacilityPlan.Department dept = DemoFacilityPlan.department(bed.departmentId());
            DemoCodes.Diagnosis main = dept.kind().equals("ngoai") ? DemoCodes.APPENDICITIS
                    : random.nextBoolean() ? DemoCodes.PNEUMONIA : DemoCodes.GASTROENTERITIS;
            Encounter admitting = outpatientVisit(start.minusHours(2), main);
            String doctor = "Practitioner/nv-bs-" + dept.kind() + "1";
            String nurse = "Practitioner/nv-dd-" + dept.kind() + "1";
            ServiceRequest admission = add(new ServiceRequest());
            admission.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED)
                    .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                    .addCategory(new CodeableConcept(new Coding(SNOMED, "32485007", "Hospital admission")))
                    .setCode(new CodeableConcept().setText("Nhập viện " + dept.name()))
                    .setSubject(ref(patient)).setEncounter(ref(admitting)).setAuthoredOnElement(dt(start.minusMinutes(30)))
                    .setRequester(admitting.getParticipantFirstRep().getIndividual().copy())
                    .addPerformer(new Reference("Organization/" + dept.id()));
            boolean open = days == 0;
            LocalDateTime end = open ? null : start.toLocalDate().plusDays(days).atTime(9 + random.nextInt(3),
                    random.nextInt(60));
            Encounter stay = encounter("IMP", "inpatient encounter", "03", "Điều trị nội trú", start, end,
                    "Organization/" + dept.id(), "Location/" + bed.id(), doctor, DemoCodes.reason(main));
            stay.setPartOf(ref(admitting));
            stay.getHospitalization().setAdmitSource(new CodeableConcept().setText("Khoa Khám bệnh"));
            stay.setStatus(open ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
            List<DemoCodes.Diagnosis> diagnoses = new ArrayList<>(List.of(main));
            if (!chronic.isEmpty()) {
                diagnoses.add(chronic.get(0));
            }
            List<Condition> conditions = diagnose(stay, diagnoses, start.plusMinutes(30), doctor, "billing");
            stay.addDiagnosis().setCondition(ref(conditions.get(0))).setRank(1)
                    .setUse(new CodeableConcept(new Coding(DIAGNOSIS_ROLE, "AD", "Admission diagnosis")));
            if (!open) {
                stay.addDiagnosis().setCondition(ref(conditions.get(0))).setRank(1)
                        .setUse(new CodeableConcept(new Coding(DIAGNOSIS_ROLE, "DD", "Discharge diagnosis")));
                boolean cured = random.nextInt(100) < 70;
                stay.getHospitalization().setDischargeDisposition(new CodeableConcept(new Coding(
                        VnCoreUrls.CS + "vn-discharge-disposition-cs", "1", "Ra viện")));
                stay.addExtension(VnCoreUrls.EXT_TREATMENT_OUTCOME, new Coding(VnCoreUrls.CS_TREATMENT_OUTCOME,
                        cured ? "1" : "2", cured ? "Khỏi" : "Đỡ"));
            }
            // the department stay as a sub-encounter (XML: the MA_KHOA list)
            Encounter departmentStay = encounter("IMP", "inpatient encounter", "03", "Điều trị tại " + dept.name(),
                    start, end, "Organization/" + dept.id(), "Location/" + bed.id(), doctor, null);
            departmentStay.getIdentifier().clear();
            departmentStay.addIdentifier(stay.getIdentifierFirstRep().copy());
            departmentStay.getAccount().clear();
            departmentStay.setPartOf(ref(stay));
            departmentStay.setStatus(stay.getStatus());
            vitals(stay, start.plusMinutes(40), nurse);
            List<String> tests = new ArrayList<>(main.tests());
            orderTests(stay, tests, start.plusHours(1), doctor);
            if (main == DemoCodes.APPENDICITIS) {
                procedure(stay, DemoCodes.APPENDECTOMY, start.plusHours(4), doctor);
            }
            List<DemoCodes.Diagnosis> treated = new ArrayList<>(diagnoses);
            treated.add(new DemoCodes.Diagnosis("*", "", false, 0, List.of(DemoCodes.SALINE), List.of()));
            List<MedicationRequest> orders = prescribe(stay, treated, start.plusHours(1), doctor, "inpatient");
            for (MedicationRequest order : orders) {
                MedicationAdministration given = add(new MedicationAdministration());
                given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
                        .setMedication(order.getMedicationCodeableConcept().copy()).setSubject(ref(patient))
                        .setContext(ref(stay)).setRequest(ref(order)).setEffective(dt(start.plusHours(2)));
                given.addPerformer().setActor(new Reference(nurse));
                given.getDosage().setDose((SimpleQuantity) new SimpleQuantity()
                        .setValue(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity()
                                .getValue()).setUnit(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep()
                                .getDoseQuantity().getUnit()));
            }
            charge(stay, CatalogueKind.SUPPLY, DemoCodes.CANNULA, BigDecimal.ONE, start.plusHours(1), stay);
            if (!open) {
                long bedDays = Math.max(1, ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()));
                charge(stay, CatalogueKind.BED, bed.catalogueCode(), BigDecimal.valueOf(bedDays), end, stay);
                dischargePaper(stay, conditions, end, doctor, dept);
            }
        }

        private void queued(QueuePlace place) {
            visits++;
            DemoCodes.Diagnosis reasonFor = !chronic.isEmpty() ? chronic.get(0) : acuteFor(age(plan.today()));
            int roomIndex = DemoFacilityPlan.ROOMS.indexOf(place.room());
            Encounter visit = encounter("AMB", "ambulatory", "01", "Khám bệnh", place.arrived(), null,
                    "Organization/khoa-kham-benh", "Location/" + place.room().id(),
                    "Practitioner/nv-bs-kb" + (roomIndex + 1), DemoCodes.reason(reasonFor));
            visit.setStatus(Encounter.EncounterStatus.ARRIVED);
            visit.addIdentifier().setSystem(V + "/sid/so-thu-tu")
                    .setValue(place.room().code() + "-" + DAY.format(place.arrived()) + "-" + place.number());
        }

        /** An Encounter with its MA_LK, visit type, place, doctor and its own Account. */
        private Encounter encounter(String classCode, String classDisplay, String maLoaiKcb, String typeText,
                                    LocalDateTime start, LocalDateTime end, String department, String location,
                                    String doctor, String reason) {
            Encounter e = add(new Encounter());
            String maLk = DemoFacilityPlan.FACILITY_CODE + MA_LK_TIME.format(start)
                    + String.format("%04d", random.nextInt(10_000));
            e.addIdentifier().setSystem(VnCoreUrls.SID_MA_LK).setValue(maLk);
            e.setClass_(new Coding(ACT_CODE, classCode, classDisplay));
            e.addType(new CodeableConcept(new Coding(VnCoreUrls.CS + "vn-encounter-type-cs", maLoaiKcb, typeText)));
            if (coverage != null) {
                e.addExtension(VnCoreUrls.EXT_INSURANCE_VISIT_TYPE, new Coding(VnCoreUrls.CS_INSURANCE_VISIT_TYPE, "1",
                        "Đúng tuyến"));
            }
            e.setSubject(ref(patient));
            e.setServiceProvider(new Reference(department));
            Period period = new Period().setStartElement(dt(start));
            if (end != null) {
                period.setEndElement(dt(end));
            }
            e.setPeriod(period);
            e.addLocation().setLocation(new Reference(location)).setPeriod(period.copy())
                    .setStatus(end == null ? Encounter.EncounterLocationStatus.ACTIVE
                            : Encounter.EncounterLocationStatus.COMPLETED);
            e.addParticipant().addType(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender")))
                    .setIndividual(new Reference(doctor));
            if (reason != null) {
                e.addReasonCode().setText(reason);
            }
            Account account = add(new Account());
            account.setStatus(Account.AccountStatus.ACTIVE);
            account.addIdentifier().setSystem(VnCoreUrls.SID_MA_LK).setValue(maLk);
            account.setName("Chi phí lượt khám " + maLk);
            account.addSubject(ref(patient));
            if (coverage != null) {
                account.addCoverage().setCoverage(ref(coverage)).setPriority(1);
            }
            e.addAccount(ref(account));
            return e;
        }

        private List<Condition> diagnose(Encounter visit, List<DemoCodes.Diagnosis> diagnoses, LocalDateTime at,
                                         String doctor, String use) {
            List<Condition> conditions = new ArrayList<>();
            int rank = 1;
            for (DemoCodes.Diagnosis d : diagnoses) {
                Condition c = add(new Condition());
                boolean over = visit.getStatus() == Encounter.EncounterStatus.FINISHED && !d.chronic();
                c.setClinicalStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-clinical", over ? "resolved" : "active", null)));
                c.setVerificationStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
                c.addCategory(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
                        "Encounter Diagnosis")));
                c.setCode(new CodeableConcept(new Coding(DemoCodes.ICD10, d.code(), d.name())).setText(d.name()));
                c.setSubject(ref(patient)).setEncounter(ref(visit)).setRecordedDateElement(dt(at))
                        .setAsserter(new Reference(doctor));
                visit.addDiagnosis().setCondition(ref(c)).setRank(rank++)
                        .setUse(new CodeableConcept(new Coding(DIAGNOSIS_ROLE, use, "Billing")));
                conditions.add(c);
            }
            return conditions;
        }

        private void vitals(Encounter visit, LocalDateTime at, String nurse) {
            int age = age(at.toLocalDate());
            vital(visit, at, nurse, "8867-4", "Heart rate", 60 + random.nextInt(40), "/min", "/min");
            Observation bp = vitalBase(visit, at, nurse, "85354-9", "Blood pressure panel");
            int systolic = age < 16 ? 95 + random.nextInt(20) : 105 + random.nextInt(50);
            bp.addComponent().setCode(loinc("8480-6", "Systolic blood pressure"))
                    .setValue(quantity(systolic, "mm[Hg]", "mm[Hg]"));
            bp.addComponent().setCode(loinc("8462-4", "Diastolic blood pressure"))
                    .setValue(quantity(systolic - 35 - random.nextInt(15), "mm[Hg]", "mm[Hg]"));
            vital(visit, at, nurse, "8310-5", "Body temperature",
                    BigDecimal.valueOf(365 + random.nextInt(25), 1), "Cel", "Cel");
            double weight = age < 16 ? 3 + age * 3.2 : 45 + random.nextInt(30);
            vital(visit, at, nurse, "29463-7", "Body weight", BigDecimal.valueOf(Math.round(weight * 10), 1), "kg", "kg");
            vital(visit, at, nurse, "59408-5", "Oxygen saturation", 95 + random.nextInt(5), "%", "%");
        }

        private void vital(Encounter visit, LocalDateTime at, String nurse, String code, String display, Number value,
                           String unit, String ucum) {
            vitalBase(visit, at, nurse, code, display).setValue(quantity(value, unit, ucum));
        }

        private Observation vitalBase(Encounter visit, LocalDateTime at, String nurse, String code, String display) {
            Observation o = add(new Observation());
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.addCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
            o.setCode(loinc(code, display)).setSubject(ref(patient)).setEncounter(ref(visit))
                    .setEffective(dt(at)).addPerformer(new Reference(nurse));
            return o;
        }

        /** Orders on one slip, each with its result. */
        private void orderTests(Encounter visit, List<String> codes, LocalDateTime at, String doctor) {
            String slip = "PCD" + visit.getIdentifierFirstRep().getValue().substring(5);
            for (String code : codes) {
                Optional<CatalogueEntry> entry = prices.entry(CatalogueKind.SERVICE, code, at.toLocalDate());
                if (entry.isEmpty()) {
                    continue;
                }
                ServiceRequest order = serviceRequest(visit, entry.get(), category(code), at, doctor);
                order.setRequisition(new Identifier().setSystem(V + "/sid/phieu-chi-dinh").setValue(slip));
                order.addPerformer(new Reference("Organization/khoa-cls"));
                result(visit, order, code, at.plusMinutes(40 + random.nextInt(60)));
                charge(visit, CatalogueKind.SERVICE, code, BigDecimal.ONE, at, order);
            }
        }

        private void procedure(Encounter visit, String code, LocalDateTime at, String doctor) {
            prices.entry(CatalogueKind.SERVICE, code, at.toLocalDate()).ifPresent(entry -> {
                ServiceRequest order = serviceRequest(visit, entry, new Coding(SNOMED, "387713003",
                        "Surgical procedure"), at, doctor);
                order.addPerformer(new Reference(doctor));
                charge(visit, CatalogueKind.SERVICE, code, BigDecimal.ONE, at, order);
            });
        }

        private ServiceRequest serviceRequest(Encounter visit, CatalogueEntry entry, Coding category, LocalDateTime at,
                                              String doctor) {
            ServiceRequest order = add(new ServiceRequest());
            order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED)
                    .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                    .addCategory(new CodeableConcept(category))
                    .setCode(new CodeableConcept(new Coding(CatalogueKind.SERVICE.system(), entry.code(),
                            entry.display())))
                    .setSubject(ref(patient)).setEncounter(ref(visit)).setAuthoredOnElement(dt(at))
                    .setRequester(new Reference(doctor));
            return order;
        }

        private Coding category(String code) {
            if (code.startsWith("18.")) {
                return new Coding(SNOMED, "363679005", "Imaging");
            }
            if (code.startsWith("22.") || code.startsWith("23.")) {
                return new Coding(SNOMED, "108252007", "Laboratory procedure");
            }
            return new Coding(SNOMED, "387713003", "Surgical procedure");
        }

        private void result(Encounter visit, ServiceRequest order, String code, LocalDateTime at) {
            DiagnosticReport report = add(new DiagnosticReport());
            report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL).addBasedOn(ref(order))
                    .setCode(order.getCode().copy()).setSubject(ref(patient)).setEncounter(ref(visit))
                    .setEffective(dt(at)).setIssuedElement(new org.hl7.fhir.r4.model.InstantType(
                            Date.from(at.plusMinutes(10).atZone(ZONE).toInstant()), TemporalPrecisionEnum.SECOND,
                            TIME_ZONE))
                    .addPerformer(new Reference("Practitioner/nv-xn1"));
            boolean pneumonia = visit.getReasonCodeFirstRep().getText() != null
                    && visit.getReasonCodeFirstRep().getText().startsWith("Ho");
            switch (code) {
                case DemoCodes.CBC -> {
                    double wbc = pneumonia ? 11 + random.nextInt(60) / 10.0 : 5 + random.nextInt(50) / 10.0;
                    labValue(report, visit, order, at, "6690-2", "Leukocytes [#/volume] in Blood", wbc, "G/L",
                            "10*9/L", 4, 10);
                    labValue(report, visit, order, at, "718-7", "Hemoglobin [Mass/volume] in Blood",
                            110 + random.nextInt(50), "g/L", "g/L", 120, 160);
                    labValue(report, visit, order, at, "777-3", "Platelets [#/volume] in Blood",
                            150 + random.nextInt(250), "G/L", "10*9/L", 150, 400);
                }
                case DemoCodes.GLUCOSE -> labValue(report, visit, order, at, "2345-7",
                        "Glucose [Moles/volume] in Serum or Plasma", 4.5 + random.nextInt(60) / 10.0, "mmol/L",
                        "mmol/L", 3.9, 6.4);
                case DemoCodes.CHEST_XRAY -> report.setConclusion(pneumonia
                        ? "Đám mờ không đều thùy dưới phổi phải, phù hợp hình ảnh viêm phổi."
                        : "Tim, phổi không thấy tổn thương trên phim X-quang.");
                case DemoCodes.ECG -> report.setConclusion("Nhịp xoang đều, tần số " + (65 + random.nextInt(25))
                        + " lần/phút. Trục trung gian.");
                case DemoCodes.ABDOMEN_ULTRASOUND -> report.setConclusion(
                        visit.getReasonCodeFirstRep().getText() != null
                                && visit.getReasonCodeFirstRep().getText().contains("hố chậu phải")
                                ? "Ruột thừa đường kính 9 mm, thành dày, có dịch quanh ruột thừa: viêm ruột thừa cấp."
                                : "Gan, mật, tụy, lách, thận không thấy bất thường.");
                default -> report.setConclusion("Bình thường.");
            }
        }

        private void labValue(DiagnosticReport report, Encounter visit, ServiceRequest order, LocalDateTime at,
                              String loinc, String display, double value, String unit, String ucum, double low,
                              double high) {
            Observation o = add(new Observation());
            BigDecimal v = BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_UP);
            o.setStatus(Observation.ObservationStatus.FINAL)
                    .addCategory(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")))
                    .setCode(loinc(loinc, display)).setSubject(ref(patient)).setEncounter(ref(visit))
                    .setEffective(dt(at)).addBasedOn(ref(order)).setValue(quantity(v, unit, ucum))
                    .addPerformer(new Reference("Practitioner/nv-xn1"));
            o.addReferenceRange().setLow((SimpleQuantity) new SimpleQuantity().setValue(low).setUnit(unit)
                    .setSystem(UCUM).setCode(ucum)).setHigh((SimpleQuantity) new SimpleQuantity().setValue(high)
                    .setUnit(unit).setSystem(UCUM).setCode(ucum));
            String flag = value < low ? "L" : value > high ? "H" : "N";
            o.addInterpretation(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null)));
            report.addResult(ref(o));
        }

        /** One prescription (one national code) with a line per drug. */
        private List<MedicationRequest> prescribe(Encounter visit, List<DemoCodes.Diagnosis> diagnoses,
                                                  LocalDateTime at, String doctor, String category) {
            Set<String> codes = new LinkedHashSet<>();
            diagnoses.forEach(d -> codes.addAll(d.drugs()));
            String nationalCode = DemoFacilityPlan.FACILITY_CODE + randomCode(7) + "-c";
            List<MedicationRequest> lines = new ArrayList<>();
            for (String code : codes) {
                Optional<CatalogueEntry> entry = prices.entry(CatalogueKind.DRUG, code, at.toLocalDate());
                if (entry.isEmpty()) {
                    continue; // not in the catalogue version of that day: the doctor could not have prescribed it
                }
                DemoCodes.Drug drug = DemoCodes.drug(code);
                MedicationRequest line = add(new MedicationRequest());
                line.setStatus(visit.getStatus() == Encounter.EncounterStatus.FINISHED
                                ? MedicationRequest.MedicationRequestStatus.COMPLETED
                                : MedicationRequest.MedicationRequestStatus.ACTIVE)
                        .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                        .addCategory(new CodeableConcept(new Coding(
                                "http://terminology.hl7.org/CodeSystem/medicationrequest-category", category, null)))
                        .setMedication(new CodeableConcept(new Coding(CatalogueKind.DRUG.system(), code,
                                entry.get().display())))
                        .setSubject(ref(patient)).setEncounter(ref(visit)).setAuthoredOnElement(dt(at))
                        .setRequester(new Reference(doctor))
                        .setGroupIdentifier(new Identifier().setSystem(V + "/sid/ma-don-thuoc").setValue(nationalCode))
                        .setCourseOfTherapyType(new CodeableConcept().setText("thuong"));
                Dosage dosage = line.addDosageInstruction().setText(drug.sig());
                dosage.getTiming().getRepeat().setFrequency(drug.perDay()).setPeriod(1)
                        .setPeriodUnit(org.hl7.fhir.r4.model.Timing.UnitsOfTime.D);
                String route = entry.get().field("DUONG_DUNG");
                if (route != null) {
                    dosage.setRoute(new CodeableConcept(new Coding(V + "/CodeSystem/drug-route", route,
                            entry.get().field("TEN_DUONG_DUNG"))));
                }
                dosage.addDoseAndRate().setDose(new Quantity().setValue(drug.dose()).setUnit(drug.doseUnit()));
                int dispensed = (int) Math.ceil((double) drug.perDay() * drug.dose() * drug.days() / drug.perUnit());
                String unit = entry.get().field("DON_VI_TINH");
                line.getDispenseRequest().setQuantity((SimpleQuantity) new SimpleQuantity().setValue(dispensed)
                        .setUnit(unit == null ? drug.doseUnit() : unit));
                line.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(drug.days())
                        .setUnit("ngày").setSystem(UCUM).setCode("d"));
                charge(visit, CatalogueKind.DRUG, code, BigDecimal.valueOf(dispensed), at, line);
                lines.add(line);
            }
            return lines;
        }

        private void examinationRecord(Encounter visit, List<Condition> conditions, LocalDateTime at, String doctor) {
            Composition record = document(visit, "phieu-kham", "Phiếu khám bệnh", at, doctor);
            section(record, "ly-do-kham", "Lý do khám", visit.getReasonCodeFirstRep().getText(), List.of());
            section(record, "chan-doan", "Chẩn đoán", diagnosisText(conditions), List.copyOf(conditions));
        }

        private void dischargePaper(Encounter stay, List<Condition> conditions, LocalDateTime at, String doctor,
                                    DemoFacilityPlan.Department dept) {
            Composition paper = document(stay, "giay-ra-vien", "Giấy ra viện", at, doctor);
            section(paper, "chan-doan", "Chẩn đoán", diagnosisText(conditions), List.copyOf(conditions));
            section(paper, "phuong-phap-dieu-tri", "Phương pháp điều trị",
                    conditions.get(0).getCode().getCodingFirstRep().getCode().startsWith("K35")
                            ? "Phẫu thuật nội soi cắt ruột thừa, kháng sinh, giảm đau."
                            : "Điều trị nội khoa: kháng sinh, bù dịch, hạ sốt.", List.of());
            section(paper, "loi-dan", "Lời dặn", "Ra viện, tái khám sau 7 ngày tại " + dept.name()
                    + " hoặc khi có dấu hiệu bất thường.", List.of());
        }

        private String diagnosisText(List<Condition> conditions) {
            StringBuilder text = new StringBuilder();
            for (Condition c : conditions) {
                if (!text.isEmpty()) {
                    text.append("; ");
                }
                text.append(c.getCode().getText()).append(" (").append(c.getCode().getCodingFirstRep().getCode())
                        .append(")");
            }
            return text.toString();
        }

        private Composition document(Encounter visit, String type, String title, LocalDateTime at, String doctor) {
            Composition c = add(new Composition());
            c.setStatus(Composition.CompositionStatus.FINAL)
                    .setType(new CodeableConcept(new Coding(V + "/CodeSystem/document-type", type, title)))
                    .setSubject(ref(patient)).setEncounter(ref(visit)).setDateElement(dt(at))
                    .addAuthor(new Reference(doctor)).setTitle(title);
            return c;
        }

        private void section(Composition c, String code, String title, String text, List<Resource> entries) {
            Composition.SectionComponent s = c.addSection().setTitle(title)
                    .setCode(new CodeableConcept(new Coding(V + "/CodeSystem/document-section", code, title)));
            Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
            narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escape(text) + "</p></div>");
            s.setText(narrative);
            entries.forEach(e -> s.addEntry(ref(e)));
        }

        // ---- charges ---------------------------------------------------------------------------------

        private void charge(Encounter visit, CatalogueKind kind, String code, BigDecimal quantity, LocalDateTime when,
                            Resource service) {
            if (!priceHere) {
                unpriced.add(new Billable(visit, kind, code, quantity, when, service));
                return;
            }
            Optional<CatalogueEntry> entry = prices.entry(kind, code, when.toLocalDate());
            if (entry.isEmpty()) {
                throw new DemoRefused("VNEMR-6606", kind.slug(), code, when.toLocalDate().toString());
            }
            DemoPrices.Split split = DemoPrices.split(entry.get(), quantity, coverage == null ? null : benefitLevel);
            ChargeItem item = add(new ChargeItem());
            item.setStatus(ChargeItem.ChargeItemStatus.BILLABLE)
                    .setCode(new CodeableConcept(new Coding(kind.system(), code, entry.get().display())))
                    .setSubject(ref(patient)).setContext(ref(visit))
                    .setOccurrence(dt(when)).setQuantity(new Quantity().setValue(quantity))
                    .setPriceOverride(money(split.unitPrice())).setEnteredDateElement(dt(when))
                    .addSupportingInformation(ref(service)); // R4 service accepts performed events only
            item.addAccount(visit.getAccountFirstRep().copy());
            Extension splitExtension = item.addExtension().setUrl(V + "/StructureDefinition/charge-split");
            splitExtension.addExtension("total", money(split.total()));
            splitExtension.addExtension("bhyt", money(split.bhyt()));
            splitExtension.addExtension("patient", money(split.patient()));
            splitExtension.addExtension("outOfScope", money(split.outOfScope()));
        }

        // ---- helpers ---------------------------------------------------------------------------------

        private <T extends Resource> T add(T resource) {
            resource.setId("urn:uuid:" + new UUID(random.nextLong(), random.nextLong()));
            resource.getMeta().addTag(DEMO_TAG_SYSTEM, DEMO_TAG, "Dữ liệu mẫu");
            out.add(resource);
            return resource;
        }

        private String randomCode(int length) {
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return s.toString();
        }
    }

    static Reference ref(Resource r) {
        return new Reference(r.getIdElement().getValue());
    }

    static DateTimeType dt(LocalDateTime at) {
        return dt(at.atZone(ZONE));
    }

    static DateTimeType dt(ZonedDateTime at) {
        return new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND, TIME_ZONE);
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept(new Coding(LOINC, code, display));
    }

    private static Quantity quantity(Number value, String unit, String ucum) {
        BigDecimal v = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return new Quantity().setValue(v).setUnit(unit).setSystem(UCUM).setCode(ucum);
    }

    private static Money money(BigDecimal amount) {
        return new Money().setValue(amount).setCurrency("VND");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
