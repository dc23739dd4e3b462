package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Test data for the prescription and chart screens: the sample drug catalogue in force since 01/01/2026, a doctor
 * with a Practitioner record, patients with visits (and allergies when asked).
 */
public final class PrescriptionFixtures {

    public static final String FACILITY = "79001";

    private PrescriptionFixtures() {
    }

    public static EmrTestServer start() {
        EmrTestServer server = EmrTestServer.start(List.of(TerminologyConfiguration.class,
                CatalogueConfiguration.class), "--vnemr.facility.code=" + FACILITY);
        Catalogues catalogues = server.bean(Catalogues.class);
        try (InputStream in = PrescriptionFixtures.class.getResourceAsStream("/vnemr/catalogue/samples/drug.xlsx")) {
            CatalogueVersion version = catalogues.importFile(CatalogueKind.DRUG, "drug.xlsx", in);
            catalogues.activate(version.id(), LocalDate.of(2026, 1, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** A Practitioner; returns its id. */
    public static String practitioner(EmrTestServer server, String name) {
        Practitioner p = new Practitioner();
        p.addName().setText(name);
        return id(server.store().transaction(List.of(p), null).get(0));
    }

    /** A patient and an outpatient visit; {@code allergies} are recorded as text. Returns [patientId, encounterId]. */
    public static String[] visit(EmrTestServer server, String name, String... allergies) {
        Patient patient = new Patient();
        patient.setId("urn:uuid:" + java.util.UUID.randomUUID());
        patient.addName().setText(name);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDate(java.sql.Date.valueOf(LocalDate.of(1985, 3, 14)));
        patient.addIdentifier().setSystem("https://vnemr.org/fhir/sid/ma-bn")
                .setValue("BN" + String.format("%08d", (int) (Math.random() * 99_999_999)));
        Encounter encounter = new Encounter();
        encounter.setId("urn:uuid:" + java.util.UUID.randomUUID());
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(patient.getIdElement().getValue()));
        encounter.getPeriod().setStart(new Date());
        encounter.addReasonCode().setText("Sốt, ho");
        List<Resource> resources = new ArrayList<>(List.of(patient, encounter));
        for (String allergy : allergies) {
            AllergyIntolerance a = new AllergyIntolerance();
            a.setPatient(new Reference(patient.getIdElement().getValue()));
            a.setCode(new CodeableConcept().setText(allergy));
            resources.add(a);
        }
        List<String> refs = server.store().transaction(resources, null);
        return new String[] {id(refs.get(0)), id(refs.get(1))};
    }

    public static List<MedicationRequest> requestsOf(EmrTestServer server, String encounterId) {
        return server.store().search(MedicationRequest.class,
                Map.of("encounter", List.of("Encounter/" + encounterId)), null);
    }

    public static String id(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }

    public static ClinicalStore store(EmrTestServer server) {
        return server.store();
    }
}
