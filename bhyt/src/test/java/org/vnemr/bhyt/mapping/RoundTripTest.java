package org.vnemr.bhyt.mapping;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.vnemr.bhyt.testing.SampleDossiers;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.bhyt.xml130.TableXml;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {

    @Test
    void fhirToXmlToFhirToXmlGivesTheSameXmlForEveryMappedTable() {
        DossierMapper mapper = SampleDossiers.mapper();
        Dossier first = SampleDossiers.mapped();
        byte[] xml = EnvelopeXml.envelope("79001", LocalDate.of(2026, 11, 25), first);

        Dossier read = EnvelopeXml.read(xml).dossiers().get(0);
        VisitRecord imported = DossierImporter.toFhir(read);
        Dossier second = mapper.map(imported);

        assertThat(second.tableNames()).containsExactlyElementsOf(first.tableNames())
                .contains("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML8", "XML13", "XML14");
        for (String table : first.tableNames()) {
            assertThat(new String(TableXml.write(table, second.rows(table)), StandardCharsets.UTF_8)).as(table)
                    .isEqualTo(new String(TableXml.write(table, first.rows(table)), StandardCharsets.UTF_8));
        }
        assertThat(EnvelopeXml.envelope("79001", LocalDate.of(2026, 11, 25), second)).isEqualTo(xml);
    }

    @Test
    void theImportIsOneTransactionBundleOfContractShapesWithNewIds() {
        VisitRecord imported = DossierImporter.toFhir(SampleDossiers.mapped());
        Bundle bundle = DossierImporter.transaction(imported);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).allSatisfy(e -> {
            assertThat(e.getFullUrl()).startsWith("urn:uuid:");
            assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        });
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Coverage", "Encounter", "Condition", "ChargeItem", "MedicationRequest",
                        "ServiceRequest", "DiagnosticReport", "Observation", "Composition", "Appointment");
        // serialisable as it will be posted
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
        assertThat(json).contains("\"system\":\"http://fhir.hl7.org.vn/core/sid/ma-lk\"");
    }
}
