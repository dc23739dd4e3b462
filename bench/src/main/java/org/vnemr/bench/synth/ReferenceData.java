package org.vnemr.bench.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vnemr.vncore.synthetic.Csv;
import org.vnemr.vncore.synthetic.VietnameseNames;
import org.vnemr.vncore.synthetic.Weighted;

/** The code lists the generator draws from, read once from {@code vnemr/bench/} on the class path. */
final class ReferenceData {

    private static final String BASE = "vnemr/bench/";

    record LegacyProvince(String code, String name) {
        /** The 3-digit CCCD birth-place prefix: {@code 0} + the 2-digit province code. */
        String cccdPrefix() {
            return "0" + code;
        }
    }

    record Ward(String provinceCode, String provinceName, String code, String name) {
    }

    record Diagnosis(String code, String display, boolean chronic) {
    }

    record ProcedureCode(String code, String display, boolean inpatient) {
    }

    record Drug(String atc, String name, String dosage, String route, String routeText, List<String> forCodes,
                int days) {
        boolean treats(String icd) {
            for (String prefix : forCodes) {
                if (prefix.equals("*") || icd.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    record LabTest(String loinc, String display, String text, String unit, double low, double high,
                   double mean, double sd, int decimals) {
    }

    record LabPanel(String key, String loinc, String display, String text, List<LabTest> tests) {
    }

    final Weighted<String> familyNames;
    final Weighted<String> maleMiddleNames;
    final Weighted<String> femaleMiddleNames;
    final Weighted<String> maleGivenNames;
    final Weighted<String> femaleGivenNames;
    final List<LegacyProvince> legacyProvinces;
    final List<Ward> wards;
    final Weighted<Diagnosis> chronicDiagnoses;
    final Weighted<Diagnosis> acuteDiagnoses;
    final Map<String, Diagnosis> diagnosesByCode;
    final List<ProcedureCode> outpatientProcedures;
    final List<ProcedureCode> inpatientProcedures;
    final List<Drug> drugs;
    final Map<String, LabPanel> labPanels;

    private ReferenceData() {
        // the names are shared with the demo facility (emr), so they live in fhir's synthetic package
        VietnameseNames names = VietnameseNames.get();
        familyNames = names.families();
        maleMiddleNames = names.middles(true);
        femaleMiddleNames = names.middles(false);
        maleGivenNames = names.givens(true);
        femaleGivenNames = names.givens(false);

        legacyProvinces = Csv.read(BASE + "provinces-legacy-63.csv").stream()
                .map(r -> new LegacyProvince(r.get("code"), r.get("name"))).toList();
        wards = Csv.read(BASE + "wards-2025.csv").stream()
                .map(r -> new Ward(r.get("provinceCode"), r.get("provinceName"), r.get("wardCode"), r.get("wardName")))
                .toList();

        Weighted.Builder<Diagnosis> chronic = Weighted.builder();
        Weighted.Builder<Diagnosis> acute = Weighted.builder();
        Map<String, Diagnosis> byCode = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(BASE + "diagnoses.csv")) {
            boolean isChronic = row.get("kind").equals("chronic");
            Diagnosis d = new Diagnosis(row.get("code"), row.get("display"), isChronic);
            (isChronic ? chronic : acute).add(d, Integer.parseInt(row.get("weight")));
            byCode.put(d.code(), d);
        }
        chronicDiagnoses = chronic.build();
        acuteDiagnoses = acute.build();
        diagnosesByCode = Map.copyOf(byCode);

        List<ProcedureCode> outpatient = new ArrayList<>();
        List<ProcedureCode> inpatient = new ArrayList<>();
        for (Map<String, String> row : Csv.read(BASE + "procedures.csv")) {
            boolean isInpatient = row.get("setting").equals("inpatient");
            (isInpatient ? inpatient : outpatient).add(new ProcedureCode(row.get("code"), row.get("display"), isInpatient));
        }
        outpatientProcedures = List.copyOf(outpatient);
        inpatientProcedures = List.copyOf(inpatient);

        drugs = Csv.read(BASE + "medications.csv").stream()
                .map(r -> new Drug(r.get("atc"), r.get("name"), r.get("dosage"), r.get("route"), r.get("routeText"),
                        Arrays.asList(r.get("for").split(" ")), Integer.parseInt(r.get("days"))))
                .toList();

        Map<String, List<LabTest>> tests = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(BASE + "lab-tests.csv")) {
            tests.computeIfAbsent(row.get("panel"), k -> new ArrayList<>()).add(new LabTest(
                    row.get("loinc"), row.get("display"), row.get("text"), row.get("unit"),
                    Double.parseDouble(row.get("low")), Double.parseDouble(row.get("high")),
                    Double.parseDouble(row.get("mean")), Double.parseDouble(row.get("sd")),
                    Integer.parseInt(row.get("decimals"))));
        }
        Map<String, LabPanel> panels = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(BASE + "lab-panels.csv")) {
            String key = row.get("panel");
            panels.put(key, new LabPanel(key, row.get("loinc"), row.get("display"), row.get("text"),
                    List.copyOf(tests.getOrDefault(key, List.of()))));
        }
        labPanels = panels;
    }

    private static final class Holder {
        static final ReferenceData INSTANCE = new ReferenceData();
    }

    static ReferenceData get() {
        return Holder.INSTANCE;
    }
}
