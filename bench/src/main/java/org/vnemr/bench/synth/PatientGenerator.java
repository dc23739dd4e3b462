package org.vnemr.bench.synth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.vnemr.bench.synth.ReferenceData.Diagnosis;
import org.vnemr.bench.synth.ReferenceData.Drug;
import org.vnemr.bench.synth.ReferenceData.LabPanel;
import org.vnemr.bench.synth.ReferenceData.LabTest;
import org.vnemr.bench.synth.ReferenceData.LegacyProvince;
import org.vnemr.bench.synth.ReferenceData.ProcedureCode;
import org.vnemr.bench.synth.ReferenceData.Ward;

/**
 * Generates synthetic Vietnamese patients with several years of outpatient visits and inpatient stays:
 * encounters, ICD-10 diagnoses, vital signs, lab results grouped in diagnostic reports, prescriptions and
 * procedures — about 300 resources per patient on average.
 *
 * <p>Patient {@code i} depends only on the seed, {@code i} and the reference date, so any slice of patients
 * can be generated alone, in parallel, and identically on every run. Nothing reads the clock.
 */
public final class PatientGenerator {

    public static final String CCCD_SYSTEM = "http://fhir.hl7.org.vn/core/sid/cccd";
    public static final String BHYT_SYSTEM = "http://fhir.hl7.org.vn/core/sid/bhyt";
    public static final String ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";
    public static final String ICD9CM_SYSTEM = "http://hl7.org/fhir/sid/icd-9-cm";
    public static final String LOINC_SYSTEM = "http://loinc.org";
    public static final String ATC_SYSTEM = "http://www.whocc.no/atc";
    public static final String UCUM_SYSTEM = "http://unitsofmeasure.org";
    /** The day histories end on unless another is given: fixed, so output never depends on the clock. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);

    static final String PROVINCE_EXTENSION = "http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-province";
    static final String WARD_EXTENSION = "http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ward";
    private static final String IDENTIFIER_TYPE_SYSTEM = "http://fhir.hl7.org.vn/core/CodeSystem/vn-identifier-type-cs";
    private static final String BHYT_CARD_TYPE_SYSTEM = "http://fhir.hl7.org.vn/core/CodeSystem/vn-bhyt-card-type-cs";
    private static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final char[] PHONE_PREFIXES = {'3', '5', '7', '8', '9'};
    /** How far back a history reaches. */
    private static final int HISTORY_YEARS = 5;

    private final long seed;
    private final LocalDate asOf;
    private final ReferenceData data;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    public PatientGenerator(long seed) {
        this(seed, DEFAULT_AS_OF);
    }

    public PatientGenerator(long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = asOf;
        this.data = ReferenceData.get();
    }

    /** Patient number {@code index} (0-based) of this seed. */
    public SyntheticPatient generate(int index) {
        return new History(new SplittableRandom(mix(seed) ^ mix(index + 0x632BE59BD9B4E019L))).build();
    }

    /** Patients {@code 0 … count-1}, generated lazily in order. */
    public Stream<SyntheticPatient> stream(int count) {
        return IntStream.range(0, count).mapToObj(this::generate);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The state of one patient being generated. */
    private final class History {
        private final SplittableRandom random;
        private final List<ObjectNode> resources = new ArrayList<>();
        private String patientId;
        private String patientRef;
        private LocalDate birthDate;
        private boolean male;
        private final List<Diagnosis> chronic = new ArrayList<>();

        History(SplittableRandom random) {
            this.random = random;
        }

        SyntheticPatient build() {
            patientId = uuid();
            patientRef = "Patient/" + patientId;
            male = random.nextBoolean();
            birthDate = birthDate();
            resources.add(patient());

            int age = age(asOf);
            int chronicCount = age < 16 ? 0 : age < 40 ? (random.nextInt(100) < 20 ? 1 : 0)
                    : age < 60 ? random.nextInt(3) : 1 + random.nextInt(3);
            Set<String> categories = new LinkedHashSet<>();
            for (int attempt = 0; chronic.size() < chronicCount && attempt < 20; attempt++) {
                Diagnosis d = data.chronicDiagnoses.pick(random);
                if (categories.add(d.code().substring(0, 3))) {
                    chronic.add(d);
                }
            }

            LocalDate from = asOf.minusYears(HISTORY_YEARS);
            if (birthDate.isAfter(from)) {
                from = birthDate.plusDays(1);
            }
            int span = (int) Math.max(1, ChronoUnit.DAYS.between(from, asOf) - 10);
            int outpatient = 5 + random.nextInt(8) + chronic.size() * (7 + random.nextInt(7));
            int inpatient = random.nextInt(100) < 25 + 20 * chronic.size() ? 1 + random.nextInt(2) : 0;
            List<long[]> visits = new ArrayList<>();
            for (int i = 0; i < outpatient; i++) {
                visits.add(new long[] {random.nextInt(span), 0});
            }
            for (int i = 0; i < inpatient; i++) {
                visits.add(new long[] {random.nextInt(span), 1});
            }
            visits.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            boolean first = true;
            for (long[] visit : visits) {
                LocalDate day = from.plusDays(visit[0]);
                if (visit[1] == 0) {
                    outpatientVisit(day, first);
                } else {
                    inpatientStay(day, first);
                }
                first = false;
            }
            return new SyntheticPatient(patientId, resources);
        }

        // ---- Patient ----------------------------------------------------------------------------

        private LocalDate birthDate() {
            int band = random.nextInt(100);
            int age = band < 15 ? random.nextInt(16) : band < 70 ? 16 + random.nextInt(44) : 60 + random.nextInt(30);
            return asOf.minusYears(age).minusDays(1 + random.nextInt(364));
        }

        private int age(LocalDate on) {
            return (int) ChronoUnit.YEARS.between(birthDate, on);
        }

        private ObjectNode patient() {
            String family = data.familyNames.pick(random);
            String middle = (male ? data.maleMiddleNames : data.femaleMiddleNames).pick(random);
            String given = (male ? data.maleGivenNames : data.femaleGivenNames).pick(random);
            Ward ward = data.wards.get(random.nextInt(data.wards.size()));

            ObjectNode p = resource("Patient", patientId);
            ArrayNode identifiers = p.putArray("identifier");
            ObjectNode cccd = identifiers.addObject();
            cccd.put("use", "official");
            cccd.set("type", codeable(IDENTIFIER_TYPE_SYSTEM, "CCCD", "Căn cước công dân", null));
            cccd.put("system", CCCD_SYSTEM);
            cccd.put("value", cccd());
            if (random.nextInt(100) < 85) {
                identifiers.add(bhytCard(ward));
            }
            p.put("active", true);
            ObjectNode name = p.putArray("name").addObject();
            name.put("use", "official");
            name.put("text", family + " " + middle + " " + given);
            name.put("family", family);
            name.putArray("given").add(middle).add(given);
            ObjectNode phone = p.putArray("telecom").addObject();
            phone.put("system", "phone");
            phone.put("value", phone());
            phone.put("use", "mobile");
            p.put("gender", male ? "male" : "female");
            p.put("birthDate", birthDate.toString());
            ObjectNode address = p.putArray("address").addObject();
            ArrayNode ext = address.putArray("extension");
            ext.addObject().put("url", PROVINCE_EXTENSION)
                    .set("valueCoding", json.objectNode().put("code", ward.provinceCode()).put("display", ward.provinceName()));
            ext.addObject().put("url", WARD_EXTENSION)
                    .set("valueCoding", json.objectNode().put("code", ward.code()).put("display", ward.name()));
            String line = "Số " + (1 + random.nextInt(250)) + ", tổ " + (1 + random.nextInt(30));
            address.put("use", "home");
            address.put("type", "physical");
            address.put("text", line + ", " + ward.name() + ", " + ward.provinceName());
            address.putArray("line").add(line);
            address.put("city", ward.name());
            address.put("state", ward.provinceName());
            address.put("country", "VN");
            return p;
        }

        /** 3-digit legacy birth-province code, century-and-sex digit, 2-digit birth year, 6 random digits. */
        private String cccd() {
            LegacyProvince birthProvince = data.legacyProvinces.get(random.nextInt(data.legacyProvinces.size()));
            int year = birthDate.getYear();
            int centurySex = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
            return birthProvince.cccdPrefix() + centurySex + String.format("%02d", year % 100)
                    + String.format("%06d", random.nextInt(1_000_000));
        }

        /** Legacy 15-character card: object code, benefit level, province code, 10-digit social-insurance number. */
        private ObjectNode bhytCard(Ward ward) {
            int age = age(asOf);
            String object;
            int level;
            if (age < 6) {
                object = "TE";
                level = 1;
            } else if (age < 18) {
                object = "HS";
                level = 4;
            } else if (age >= 60 && random.nextInt(100) < 60) {
                object = "HT";
                level = 3;
            } else {
                String[] objects = {"DN", "DN", "DN", "HC", "GD", "GD", "HN", "CN"};
                object = objects[random.nextInt(objects.length)];
                level = switch (object) {
                    case "HN" -> 1;
                    case "CN" -> 2;
                    default -> 4;
                };
            }
            ObjectNode card = json.objectNode();
            card.set("type", codeable(BHYT_CARD_TYPE_SYSTEM, object, null, null));
            card.put("system", BHYT_SYSTEM);
            card.put("value", object + level + ward.provinceCode() + String.format("%010d", random.nextLong(10_000_000_000L)));
            ObjectNode period = card.putObject("period");
            period.put("start", asOf.withDayOfYear(1).toString());
            period.put("end", asOf.withMonth(12).withDayOfMonth(31).toString());
            return card;
        }

        private String phone() {
            return "0" + PHONE_PREFIXES[random.nextInt(PHONE_PREFIXES.length)]
                    + String.format("%08d", random.nextInt(100_000_000));
        }

        // ---- Visits -----------------------------------------------------------------------------

        private void outpatientVisit(LocalDate day, boolean first) {
            LocalDateTime start = day.atTime(7 + random.nextInt(9), random.nextInt(60));
            LocalDateTime end = start.plusMinutes(15 + random.nextInt(90));
            String enc = encounter("AMB", "ambulatory", "Khám bệnh ngoại trú", start, end);
            if (first) {
                for (Diagnosis d : chronic) {
                    condition(d, enc, start, "problem-list-item", start.minusDays(30 + random.nextInt(2000)));
                }
            }
            boolean followUp = !chronic.isEmpty() && random.nextInt(100) < 65;
            Diagnosis main = followUp ? chronic.get(random.nextInt(chronic.size())) : data.acuteDiagnoses.pick(random);
            List<Diagnosis> diagnoses = new ArrayList<>(List.of(main));
            if (followUp && chronic.size() > 1 && random.nextBoolean()) {
                Diagnosis second = chronic.get(random.nextInt(chronic.size()));
                if (second != main) {
                    diagnoses.add(second);
                }
            }
            for (Diagnosis d : diagnoses) {
                condition(d, enc, start, "encounter-diagnosis", start);
            }
            LocalDateTime measured = start.plusMinutes(5);
            vitals(enc, measured, true, first || age(day) < 18);
            LocalDateTime drawn = start.plusMinutes(20);
            if (followUp) {
                if (random.nextInt(100) < 60) {
                    labPanel("CHEM", enc, drawn);
                }
                if (hasChronic("E11", "E14") && random.nextInt(100) < 50) {
                    labPanel("HBA1C", enc, drawn);
                }
                if (hasChronic("E78", "I25", "I63") && random.nextInt(100) < 50) {
                    labPanel("LIPID", enc, drawn);
                }
                if (random.nextInt(100) < 25) {
                    labPanel("CBC", enc, drawn);
                }
            } else if (random.nextInt(100) < (isInfection(main) ? 85 : 35)) {
                labPanel("CBC", enc, drawn);
                if (random.nextInt(100) < 30) {
                    labPanel("CHEM", enc, drawn);
                }
            }
            prescribe(diagnoses, enc, end.minusMinutes(5), 1 + random.nextInt(2), false);
            if (random.nextInt(100) < 20) {
                procedure(data.outpatientProcedures, enc, start.plusMinutes(30));
            }
        }

        private void inpatientStay(LocalDate day, boolean first) {
            int days = 3 + random.nextInt(6);
            LocalDateTime start = day.atTime(7 + random.nextInt(14), random.nextInt(60));
            LocalDateTime end = day.plusDays(days).atTime(8 + random.nextInt(4), random.nextInt(60));
            String enc = encounter("IMP", "inpatient encounter", "Điều trị nội trú", start, end);
            if (first) {
                for (Diagnosis d : chronic) {
                    condition(d, enc, start, "problem-list-item", start.minusDays(30 + random.nextInt(2000)));
                }
            }
            Diagnosis main = !chronic.isEmpty() && random.nextBoolean()
                    ? chronic.get(random.nextInt(chronic.size())) : data.acuteDiagnoses.pick(random);
            List<Diagnosis> diagnoses = new ArrayList<>(List.of(main));
            Diagnosis second = chronic.isEmpty() ? data.acuteDiagnoses.pick(random) : chronic.get(random.nextInt(chronic.size()));
            if (second != main) {
                diagnoses.add(second);
            }
            for (Diagnosis d : diagnoses) {
                condition(d, enc, start, "encounter-diagnosis", start);
            }
            vitals(enc, start.plusMinutes(10), true, true);
            for (int d = 1; d < days; d++) {
                vitals(enc, day.plusDays(d).atTime(7, random.nextInt(30)), false, false);
                vitals(enc, day.plusDays(d).atTime(16, random.nextInt(30)), false, false);
            }
            LocalDateTime admissionLabs = start.plusMinutes(40);
            labPanel("CBC", enc, admissionLabs);
            labPanel("CHEM", enc, admissionLabs);
            if (hasChronic("E11", "E14")) {
                labPanel("HBA1C", enc, admissionLabs);
            }
            LocalDateTime dischargeLabs = end.minusHours(20);
            labPanel("CBC", enc, dischargeLabs);
            labPanel("CHEM", enc, dischargeLabs);
            prescribe(diagnoses, enc, start.plusMinutes(50), 2, true);
            int procedures = 1 + random.nextInt(2);
            for (int i = 0; i < procedures; i++) {
                procedure(data.inpatientProcedures, enc, start.plusHours(2 + random.nextInt(24)));
            }
        }

        private boolean hasChronic(String... prefixes) {
            for (Diagnosis d : chronic) {
                for (String prefix : prefixes) {
                    if (d.code().startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean isInfection(Diagnosis d) {
            String c = d.code();
            return c.startsWith("J18") || c.startsWith("J20") || c.startsWith("A") || c.startsWith("N39");
        }

        // ---- Resources --------------------------------------------------------------------------

        private String encounter(String classCode, String classDisplay, String typeText, LocalDateTime start,
                                 LocalDateTime end) {
            String id = uuid();
            ObjectNode e = resource("Encounter", id);
            e.put("status", end.toLocalDate().isAfter(asOf) ? "in-progress" : "finished");
            ObjectNode cls = e.putObject("class");
            cls.put("system", ACT_CODE_SYSTEM).put("code", classCode).put("display", classDisplay);
            e.putArray("type").addObject().put("text", typeText);
            e.set("subject", ref(patientRef));
            ObjectNode period = e.putObject("period");
            period.put("start", dateTime(start));
            if (!end.toLocalDate().isAfter(asOf)) {
                period.put("end", dateTime(end));
            }
            resources.add(e);
            return "Encounter/" + id;
        }

        private void condition(Diagnosis d, String enc, LocalDateTime recorded, String category, LocalDateTime onset) {
            ObjectNode c = resource("Condition", uuid());
            boolean active = d.chronic() || !recorded.toLocalDate().isBefore(asOf.minusDays(14));
            c.set("clinicalStatus", codeable(CONDITION_CLINICAL, active ? "active" : "resolved", null, null));
            c.set("verificationStatus", codeable(CONDITION_VERIFICATION, "confirmed", null, null));
            c.putArray("category").add(codeable(CONDITION_CATEGORY, category, null, null));
            c.set("code", codeable(ICD10_SYSTEM, d.code(), d.display(), d.display()));
            c.set("subject", ref(patientRef));
            c.set("encounter", ref(enc));
            c.put("onsetDateTime", dateTime(onset));
            if (!active) {
                c.put("abatementDateTime", dateTime(recorded.plusDays(7 + random.nextInt(14))));
            }
            c.put("recordedDate", dateTime(recorded));
            resources.add(c);
        }

        /** One round of vital signs; BP is one panel Observation with systolic and diastolic components. */
        private void vitals(String enc, LocalDateTime at, boolean weight, boolean height) {
            boolean child = age(at.toLocalDate()) < 12;
            vital(enc, at, "8867-4", "Heart rate", "Mạch", normal(child ? 100 : 78, 12, 0), "/min", "/min");
            ObjectNode bp = vitalBase(enc, at, "85354-9", "Blood pressure panel with all children optional", "Huyết áp");
            double systolic = normal(hasChronic("I10") ? 142 : 118, 14, 0);
            double diastolic = normal(systolic * 0.62, 6, 0);
            ArrayNode components = bp.putArray("component");
            components.add(component("8480-6", "Systolic blood pressure", "Huyết áp tâm thu", systolic));
            components.add(component("8462-4", "Diastolic blood pressure", "Huyết áp tâm trương", diastolic));
            resources.add(bp);
            vital(enc, at, "8310-5", "Body temperature", "Nhiệt độ", normal(36.9, 0.5, 1), "Cel", "Cel");
            vital(enc, at, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "SpO2",
                    Math.min(100, normal(97.5, 1.2, 0)), "%", "%");
            int age = Math.max(0, age(at.toLocalDate()));
            if (weight) {
                double kg = age < 18 ? 3.5 + age * 3.1 : male ? 62 : 52;
                vital(enc, at, "29463-7", "Body weight", "Cân nặng", Math.max(2.5, normal(kg, kg * 0.12, 1)), "kg", "kg");
            }
            if (height) {
                double cm = age < 18 ? 50 + age * 6.5 : male ? 166 : 155;
                vital(enc, at, "8302-2", "Body height", "Chiều cao", Math.max(45, normal(cm, 5, 0)), "cm", "cm");
            }
        }

        private void vital(String enc, LocalDateTime at, String loinc, String display, String text, double value,
                           String unit, String ucum) {
            ObjectNode o = vitalBase(enc, at, loinc, display, text);
            o.set("valueQuantity", quantity(value, unit, ucum, decimalsOf(value)));
            resources.add(o);
        }

        private ObjectNode vitalBase(String enc, LocalDateTime at, String loinc, String display, String text) {
            ObjectNode o = resource("Observation", uuid());
            o.put("status", "final");
            o.putArray("category").add(codeable(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs", null));
            o.set("code", codeable(LOINC_SYSTEM, loinc, display, text));
            o.set("subject", ref(patientRef));
            o.set("encounter", ref(enc));
            o.put("effectiveDateTime", dateTime(at));
            return o;
        }

        private ObjectNode component(String loinc, String display, String text, double mmHg) {
            ObjectNode c = json.objectNode();
            c.set("code", codeable(LOINC_SYSTEM, loinc, display, text));
            c.set("valueQuantity", quantity(mmHg, "mmHg", "mm[Hg]", 0));
            return c;
        }

        private void labPanel(String key, String enc, LocalDateTime drawn) {
            LabPanel panel = data.labPanels.get(key);
            ObjectNode report = resource("DiagnosticReport", uuid());
            ArrayNode results = json.arrayNode();
            for (LabTest test : panel.tests()) {
                ObjectNode o = resource("Observation", uuid());
                o.put("status", "final");
                o.putArray("category").add(codeable(OBSERVATION_CATEGORY, "laboratory", "Laboratory", null));
                o.set("code", codeable(LOINC_SYSTEM, test.loinc(), test.display(), test.text()));
                o.set("subject", ref(patientRef));
                o.set("encounter", ref(enc));
                o.put("effectiveDateTime", dateTime(drawn));
                o.put("issued", dateTime(drawn.plusHours(2)));
                double value = Math.max(test.low() > 0 ? test.low() * 0.3 : 0, normal(test.mean(), test.sd(), test.decimals()));
                o.set("valueQuantity", quantity(value, test.unit(), test.unit(), test.decimals()));
                String flag = value < test.low() ? "L" : value > test.high() ? "H" : "N";
                o.putArray("interpretation").add(codeable(INTERPRETATION, flag, null, null));
                ObjectNode range = o.putArray("referenceRange").addObject();
                range.set("low", quantity(test.low(), test.unit(), test.unit(), test.decimals()));
                range.set("high", quantity(test.high(), test.unit(), test.unit(), test.decimals()));
                resources.add(o);
                results.addObject().put("reference", "Observation/" + o.get("id").asText());
            }
            report.put("status", "final");
            report.putArray("category").add(codeable(DIAGNOSTIC_SERVICE, key.equals("CBC") ? "HM" : "CH", null, null));
            report.set("code", codeable(LOINC_SYSTEM, panel.loinc(), panel.display(), panel.text()));
            report.set("subject", ref(patientRef));
            report.set("encounter", ref(enc));
            report.put("effectiveDateTime", dateTime(drawn));
            report.put("issued", dateTime(drawn.plusHours(2)));
            report.set("result", results);
            resources.add(report);
        }

        private void prescribe(List<Diagnosis> diagnoses, String enc, LocalDateTime authored, int perDiagnosis,
                               boolean inpatient) {
            Set<Drug> chosen = new LinkedHashSet<>();
            for (Diagnosis d : diagnoses) {
                List<Drug> candidates = data.drugs.stream()
                        .filter(drug -> d.chronic() ? drug.treats(d.code()) && !drug.forCodes().contains("*") : drug.treats(d.code()))
                        .toList();
                for (int i = 0; i < perDiagnosis && !candidates.isEmpty(); i++) {
                    chosen.add(candidates.get(random.nextInt(candidates.size())));
                }
            }
            if (inpatient) {
                List<Drug> intravenous = data.drugs.stream().filter(drug -> drug.route().equals("IV")).toList();
                if (!intravenous.isEmpty()) {
                    chosen.add(intravenous.get(random.nextInt(intravenous.size())));
                }
            }
            for (Drug drug : chosen) {
                ObjectNode m = resource("MedicationRequest", uuid());
                int days = inpatient ? Math.min(drug.days(), 5) : drug.days();
                boolean finished = authored.toLocalDate().plusDays(days).isBefore(asOf);
                m.put("status", finished ? "completed" : "active");
                m.put("intent", "order");
                m.set("medicationCodeableConcept", codeable(ATC_SYSTEM, drug.atc(), drug.name(), drug.name()));
                m.set("subject", ref(patientRef));
                m.set("encounter", ref(enc));
                m.put("authoredOn", dateTime(authored));
                ObjectNode dosage = m.putArray("dosageInstruction").addObject();
                dosage.put("text", drug.dosage());
                dosage.putObject("route").put("text", drug.routeText());
                ObjectNode supply = m.putObject("dispenseRequest").putObject("expectedSupplyDuration");
                supply.put("value", days).put("unit", "ngày").put("system", UCUM_SYSTEM).put("code", "d");
                resources.add(m);
            }
        }

        private void procedure(List<ProcedureCode> codes, String enc, LocalDateTime performed) {
            ProcedureCode code = codes.get(random.nextInt(codes.size()));
            ObjectNode p = resource("Procedure", uuid());
            p.put("status", "completed");
            p.set("code", codeable(ICD9CM_SYSTEM, code.code(), code.display(), code.display()));
            p.set("subject", ref(patientRef));
            p.set("encounter", ref(enc));
            p.put("performedDateTime", dateTime(performed));
            resources.add(p);
        }

        // ---- JSON helpers -----------------------------------------------------------------------

        private ObjectNode resource(String type, String id) {
            ObjectNode r = json.objectNode();
            r.put("resourceType", type);
            r.put("id", id);
            return r;
        }

        private ObjectNode codeable(String system, String code, String display, String text) {
            ObjectNode cc = json.objectNode();
            ObjectNode coding = cc.putArray("coding").addObject();
            coding.put("system", system);
            coding.put("code", code);
            if (display != null) {
                coding.put("display", display);
            }
            if (text != null) {
                cc.put("text", text);
            }
            return cc;
        }

        private ObjectNode ref(String reference) {
            return json.objectNode().put("reference", reference);
        }

        private ObjectNode quantity(double value, String unit, String ucum, int decimals) {
            ObjectNode q = json.objectNode();
            q.put("value", BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
            q.put("unit", unit);
            q.put("system", UCUM_SYSTEM);
            q.put("code", ucum);
            return q;
        }

        private int decimalsOf(double rounded) {
            return rounded == Math.rint(rounded) ? 0 : 1;
        }

        private double normal(double mean, double sd, int decimals) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            double scale = Math.pow(10, decimals);
            return Math.round((mean + z * sd) * scale) / scale;
        }

        private String dateTime(LocalDateTime at) {
            return OffsetDateTime.of(at, VIETNAM).format(DATE_TIME);
        }

        private String uuid() {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }
    }
}
