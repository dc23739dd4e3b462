package org.vnemr.bhyt.export;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.bhyt.BhytConfiguration;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.testing.FacilityKey;
import org.vnemr.bhyt.testing.SampleDossiers;
import org.vnemr.bhyt.bench.SampleVisit;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.signing.xml.SecureXml;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dossier of an Encounter built from resources stored in the real database, over the FHIR API. */
class BhytOperationsIT {

    private static FhirTestServer server;
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @BeforeAll
    static void start() {
        FacilityKey key = FacilityKey.get();
        server = FhirTestServer.startWith(List.of(BhytConfiguration.class),
                "--vnemr.bhyt.facility-keystore=" + key.facility.pkcs12(),
                "--vnemr.bhyt.facility-keystore-password=123456",
                "--vnemr.bhyt.ma-ttdv=" + SampleDossiers.MA_TTDV);
        VisitRecord visit = SampleVisit.inpatientWithReferral();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource r : SampleVisit.resources(visit)) {
            String ref = r.fhirType() + "/" + r.getIdElement().getIdPart();
            bundle.addEntry().setFullUrl(ref).setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(ref);
        }
        FhirTestServer.Response stored = server.post("", FHIR.newJsonParser().encodeResourceToString(bundle));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStoredVisitGivesTheSameTablesAsTheInMemoryRecord() {
        BhytExport export = server.bean(BhytExport.class);
        BhytExport.Result result = export.build("e1");
        Dossier expected = new org.vnemr.bhyt.mapping.DossierMapper(SampleDossiers.MA_TTDV)
                .map(SampleVisit.inpatientWithReferral());
        assertThat(result.maLk()).isEqualTo(SampleVisit.MA_LK);
        assertThat(result.dossier().tableNames()).containsExactlyElementsOf(expected.tableNames());
        for (String table : List.of("XML1", "XML3", "XML4", "XML5", "XML7", "XML8", "XML13", "XML14")) {
            assertThat(result.dossier().rows(table)).as(table).isEqualTo(expected.rows(table));
        }
    }

    @Test
    void validateReportsTheRuleIdOfEachFindingAsAnOperationOutcome() {
        FhirTestServer.Response response = server.get("Encounter/e1/$bhyt-validate");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        // without a drug catalogue loaded, strength, registration number and tender data are missing
        List<String> findings = server.bean(BhytExport.class).build("e1").findings().stream()
                .map(org.vnemr.bhyt.validation.Finding::ruleId).toList();
        assertThat(findings).contains("XML2.HAM_LUONG.REQUIRED");
        assertThat(outcome.getIssue()).as(response.body()).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrderElementsOf(findings);
        assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("Bảng XML", "trường");
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).startsWith("XML");
    }

    @Test
    void xmlReturnsTheSignedEnvelopeOfTheVisit() {
        // HAPI serves a Binary as its own content: the response is the signed file itself
        FhirTestServer.Response response = server.get("Encounter/e1/$bhyt-xml");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/xml");
        Binary binary = new Binary().setContentType("application/xml")
                .setData(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var document = SecureXml.parse(binary.getData());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("GIAMDINHHS");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignatureValue")
                .getLength()).isEqualTo(1);
        Dossier dossier = EnvelopeXml.read(binary.getData()).dossiers().get(0);
        assertThat(dossier.maLk()).isEqualTo(SampleVisit.MA_LK);
    }

    @Test
    void anUnknownEncounterIsNotFoundWithAVietnameseMessage() {
        FhirTestServer.Response response = server.get("Encounter/khong-co/$bhyt-validate");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("VNEMR-7005", "Không tìm thấy lượt khám");
    }

    @Test
    void theMonthlyExportWritesOneSignedFilePerDossierAndTheImportReadsItBackIntoTheStore() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("vnemr-bhyt-export-");
        List<BatchExport.Item> progress = new java.util.ArrayList<>();
        BatchExport.Summary summary = server.bean(BatchExport.class)
                .run(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "K03", out, progress::add);
        assertThat(summary.visits()).isEqualTo(1);
        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        assertThat(progress).hasSize(1);
        java.nio.file.Path file = out.resolve(SampleVisit.MA_LK + ".xml");
        assertThat(file).exists();

        var outcomes = server.bean(org.vnemr.bhyt.imports.XmlImport.class)
                .importFiles(List.of(file, out.resolve("khong-co.xml")), o -> { });
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).imported()).as(outcomes.get(0).problem()).isTrue();
        assertThat(outcomes.get(0).maLk()).isEqualTo(SampleVisit.MA_LK);
        assertThat(outcomes.get(1).imported()).isFalse();
        FhirTestServer.Response found = server.get("Encounter?identifier=http://fhir.hl7.org.vn/core/sid/ma-lk%7C"
                + SampleVisit.MA_LK);
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, found.body()).getEntry()).hasSize(2);
    }

    @Test
    void visitsAreFoundByTheirEndDateAndDepartment() {
        StoreVisitLoader loader = server.bean(StoreVisitLoader.class);
        // (the export-and-import test may have added a second copy of the visit)
        assertThat(loader.finishedBetween(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), null))
                .contains("e1");
        assertThat(loader.finishedBetween(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "K03"))
                .contains("e1");
        assertThat(loader.finishedBetween(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "K19")).isEmpty();
        assertThat(loader.finishedBetween(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 30), null)).isEmpty();
    }
}
