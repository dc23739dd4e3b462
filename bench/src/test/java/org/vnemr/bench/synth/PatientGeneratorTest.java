package org.vnemr.bench.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PatientGeneratorTest {

    private static final PatientGenerator GENERATOR = new PatientGenerator(42);

    @Test
    void sameSeed_producesIdenticalJson() {
        PatientGenerator again = new PatientGenerator(42);
        for (int i = 0; i < 5; i++) {
            assertThat(json(again.generate(i))).isEqualTo(json(GENERATOR.generate(i)));
        }
    }

    @Test
    void patientOutput_doesNotDependOnHowManyAreGeneratedOrInWhichOrder() {
        List<String> forwards = GENERATOR.stream(4).map(PatientGeneratorTest::json).toList();
        assertThat(json(new PatientGenerator(42).generate(3))).isEqualTo(forwards.get(3));
    }

    @Test
    void differentSeeds_produceDifferentPatients() {
        assertThat(json(new PatientGenerator(43).generate(0))).isNotEqualTo(json(GENERATOR.generate(0)));
    }

    @Test
    void cccd_encodesLegacyBirthProvinceCenturySexAndBirthYear() {
        Set<String> provincePrefixes = ReferenceData.get().legacyProvinces.stream()
                .map(ReferenceData.LegacyProvince::cccdPrefix).collect(Collectors.toSet());
        assertThat(provincePrefixes).hasSize(63).contains("001", "079", "048");
        for (int i = 0; i < 300; i++) {
            SyntheticPatient p = GENERATOR.generate(i);
            String cccd = p.cccd();
            int year = p.birthDate().getYear();
            boolean male = p.gender().equals("male");
            int expectedCenturySex = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);

            assertThat(cccd).matches("\\d{12}");
            assertThat(provincePrefixes).contains(cccd.substring(0, 3));
            assertThat(cccd.charAt(3) - '0').as("century/sex digit of %s", cccd).isEqualTo(expectedCenturySex);
            assertThat(cccd.substring(4, 6)).isEqualTo(String.format("%02d", year % 100));
        }
    }

    @Test
    void aboutEightyFivePercent_haveAFifteenCharacterBhytCard() {
        int insured = 0;
        for (int i = 0; i < 400; i++) {
            String bhyt = GENERATOR.generate(i).bhyt();
            if (bhyt != null) {
                insured++;
                assertThat(bhyt).matches("[A-Z]{2}[1-5]\\d{12}");
            }
        }
        assertThat(insured).isBetween(310, 370);
    }

    @Test
    void names_areVietnameseWithFamilyApartFromMiddleAndGiven() {
        Set<String> families = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            JsonNode name = GENERATOR.generate(i).patient().path("name").path(0);
            List<String> given = new ArrayList<>();
            name.path("given").forEach(g -> given.add(g.asText()));
            assertThat(given).hasSize(2);
            assertThat(name.path("text").asText())
                    .isEqualTo(name.path("family").asText() + " " + String.join(" ", given));
            families.add(name.path("family").asText());
        }
        assertThat(families).contains("Nguyễn", "Trần", "Lê", "Phạm");
    }

    @Test
    void phoneAndAddress_useMobilePrefixesAndThe2025ProvincesAndWards() {
        Set<String> wardCodes = ReferenceData.get().wards.stream().map(ReferenceData.Ward::code).collect(Collectors.toSet());
        for (int i = 0; i < 100; i++) {
            ObjectNode patient = GENERATOR.generate(i).patient();
            assertThat(patient.path("telecom").path(0).path("value").asText()).matches("0[35789]\\d{8}");
            JsonNode address = patient.path("address").path(0);
            assertThat(address.path("country").asText()).isEqualTo("VN");
            assertThat(wardCodes).contains(address.path("extension").path(1).path("valueCoding").path("code").asText());
        }
    }

    @Test
    void patientsHaveAboutThreeHundredResourcesOnAverage() {
        // single histories vary from a few dozen to over a thousand resources, so average over enough of them
        int total = GENERATOR.stream(200).mapToInt(p -> p.resources().size()).sum();
        assertThat(total / 200.0).isBetween(260.0, 340.0);
    }

    @Test
    void clientAssignedIds_areUniqueAcrossPatients() {
        Set<String> ids = new HashSet<>();
        int resources = 0;
        for (SyntheticPatient p : GENERATOR.stream(50).toList()) {
            for (ObjectNode r : p.resources()) {
                ids.add(r.path("resourceType").asText() + "/" + r.path("id").asText());
                resources++;
            }
        }
        assertThat(ids).hasSize(resources);
    }

    @Test
    void histories_mixOutpatientVisitsWithSomeInpatientStays() {
        Set<String> classes = new HashSet<>();
        int outpatient = 0;
        int inpatient = 0;
        for (SyntheticPatient p : GENERATOR.stream(100).toList()) {
            for (ObjectNode e : p.ofType("Encounter")) {
                String code = e.path("class").path("code").asText();
                classes.add(code);
                outpatient += code.equals("AMB") ? 1 : 0;
                inpatient += code.equals("IMP") ? 1 : 0;
            }
        }
        assertThat(classes).containsExactlyInAnyOrder("AMB", "IMP");
        assertThat(inpatient).isPositive().isLessThan(outpatient / 5);
    }

    @Test
    void everyClinicalResource_refersToItsPatient_andEncounterWhereItHasOne() {
        SyntheticPatient p = GENERATOR.generate(7);
        String patientRef = "Patient/" + p.id();
        for (ObjectNode r : p.resources().subList(1, p.resources().size())) {
            assertThat(r.path("subject").path("reference").asText()).isEqualTo(patientRef);
            if (!r.path("resourceType").asText().equals("Encounter")) {
                assertThat(r.path("encounter").path("reference").asText()).startsWith("Encounter/");
            }
        }
    }

    @Test
    void historiesEndOnTheReferenceDate() {
        LocalDate asOf = LocalDate.of(2025, 6, 30);
        SyntheticPatient p = new PatientGenerator(1, asOf).generate(0);
        for (ObjectNode e : p.ofType("Encounter")) {
            assertThat(e.path("period").path("start").asText().substring(0, 10)).isLessThanOrEqualTo(asOf.toString());
        }
    }

    static String json(SyntheticPatient p) {
        return FhirJson.string(TransactionBundles.of(p));
    }
}
