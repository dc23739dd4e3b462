package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.pdf.PdfSignatureReport;
import org.vnemr.signing.pdf.PdfSignatureVerifier;
import org.vnemr.signing.Signer;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed legal record end to end on a real server and database. */
class SignedDocumentIT {

    private static final Signer DOCTOR = SigningTestBeans.signer(SigningTestBeans.PKI.doctor());
    private static final Signer HEAD = SigningTestBeans.signer(SigningTestBeans.PKI.headOfDepartment());
    private static FhirTestServer server;
    private static ClinicalFixtures fixtures;
    private static SignedDocumentService documents;
    private static SignatureVerification verification;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(SignedDocumentConfiguration.class, SigningTestBeans.class));
        fixtures = new ClinicalFixtures(server);
        documents = server.bean(SignedDocumentService.class);
        verification = server.bean(SignatureVerification.class);
        jdbc = server.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void dischargePaper_doctorThenHead_signedFrozenAndVerified() {
        String id = fixtures.draft("discharge-1", ClinicalFixtures.DISCHARGE);
        SignedDocument first = documents.sign(id, DOCTOR, "attending-physician");
        assertThat(first.complete()).isFalse();
        assertThat(first.compositionVersion()).isEqualTo(2);
        assertThat(server.get("Composition/" + id).body()).contains("\"status\":\"final\"");
        assertThat(jdbc.queryForList("SELECT resource_type FROM signing_frozen_resource WHERE document_id = ?",
                String.class, id)).containsExactlyInAnyOrder("Composition", "Bundle", "Binary", "Provenance");
        DocumentVerification once = verification.verify(id);
        assertThat(once.problems()).isEmpty();
        assertThat(once.valid()).isTrue();
        assertThat(once.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signer()).isEqualTo("Nguyễn Văn An");
            assertThat(s.role()).isEqualTo("attending-physician");
            assertThat(s.signatureValid()).isTrue();
        });

        SignedDocument second = documents.sign(id, HEAD, "head-of-department", "Practitioner/head1");
        assertThat(second.complete()).isTrue();
        DocumentVerification twice = verification.verify(id);
        assertThat(twice.problems()).isEmpty();
        assertThat(twice.signatures()).extracting(DocumentVerification.Signature::signer)
                .containsExactly("Nguyễn Văn An", "Trần Thị Bình");
        List<PdfSignatureReport> pdf = new PdfSignatureVerifier(SigningTestBeans.validator()).verify(documents.signedPdf(id));
        assertThat(pdf).hasSize(2).allMatch(PdfSignatureReport::intact);
        assertThat(server.get("Provenance/" + second.provenanceId()).body())
                .contains("\"sigFormat\":\"application/jose\"", "1.2.840.10065.1.12.1.5", "Practitioner/head1",
                        "Composition/" + id + "/_history/2");
        assertThatThrownBy(() -> documents.sign(id, HEAD, "head-of-department"))
                .isInstanceOf(SigningException.class).hasMessageContaining("VNEMR-4102");
    }

    @Test
    void pdfOfATwoSignerDocument_isValidForPdfsig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.vnemr.signing.pdf.PdfToolAssumptions.assumeInstalled("pdfsig");
        String id = fixtures.draft("discharge-pdfsig", ClinicalFixtures.DISCHARGE);
        documents.sign(id, DOCTOR, "attending-physician");
        documents.sign(id, HEAD, "head-of-department");
        java.nio.file.Path file = dir.resolve("signed.pdf");
        java.nio.file.Files.write(file, documents.signedPdf(id));
        var run = org.vnemr.signing.pdf.PdfToolAssumptions.run("pdfsig", file.toString());
        assertThat(run.output()).contains("Nguyễn Văn An", "Trần Thị Bình", "ETSI.CAdES.detached");
        assertThat(run.output().split("Signature is Valid", -1)).hasSize(3);
    }

    @Test
    void documentSignedThroughTheRemoteSigningService_verifies() {
        try (var ca = org.vnemr.signing.testing.RemoteSigningCaServer.start("facility-secret")) {
            ca.addUser("bs.an", SigningTestBeans.PKI.doctor());
            ca.autoApprove(true);
            Signer remote = org.vnemr.signing.keys.RemoteSigner.connect(
                    new org.vnemr.signing.keys.RemoteSigner.RemoteSettings(ca.baseUrl(), "facility-secret",
                            java.time.Duration.ofMillis(20), java.time.Duration.ofSeconds(20)), "bs.an");
            String id = fixtures.draft("consult-remote", ClinicalFixtures.CONSULT);
            documents.sign(id, remote, "attending-physician");
            DocumentVerification result = verification.verify(id);
            assertThat(result.problems()).isEmpty();
            assertThat(result.signatures()).singleElement()
                    .satisfies(s -> assertThat(s.signer()).isEqualTo("Nguyễn Văn An"));
        }
    }

    @Test
    void headOfDepartmentBeforeDoctor_isRefused() {
        String id = fixtures.draft("discharge-order", ClinicalFixtures.DISCHARGE);
        assertThatThrownBy(() -> documents.sign(id, HEAD, "head-of-department"))
                .isInstanceOf(SigningException.class).hasMessageContaining("VNEMR-4103");
        assertThatThrownBy(() -> documents.sign(id, HEAD, "janitor"))
                .isInstanceOf(SigningException.class).hasMessageContaining("VNEMR-4104");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_frozen_resource WHERE document_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void expiredNotYetValidRevokedUntrustedAndWrongUsageCertificates_areRefusedAndNothingIsWritten() {
        String id = fixtures.draft("consult-badcert", ClinicalFixtures.CONSULT);
        var pki = SigningTestBeans.PKI;
        Map<String, Signer> cases = Map.of(
                "VNEMR-4110", SigningTestBeans.signer(pki.expired()),
                "VNEMR-4111", SigningTestBeans.signer(pki.notYetValid()),
                "VNEMR-4112", SigningTestBeans.signer(pki.revoked()),
                "VNEMR-4113", SigningTestBeans.signer(pki.untrusted()),
                "VNEMR-4114", SigningTestBeans.signer(pki.wrongKeyUsage()));
        cases.forEach((code, signer) -> assertThatThrownBy(() -> documents.sign(id, signer, "attending-physician"))
                .isInstanceOf(SigningException.class).hasMessageContaining(code));
        assertThat(server.get("Composition/" + id).body()).contains("\"status\":\"preliminary\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_frozen_resource WHERE document_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void updatePatchAndDeleteOfSignedResources_overHttp_areRefusedWith409AndAudited() {
        String id = fixtures.draft("consult-http", ClinicalFixtures.CONSULT);
        SignedDocument signed = documents.sign(id, DOCTOR, "attending-physician");
        int auditsBefore = audits();

        FhirTestServer.Response update = server.put("Composition/" + id,
                ClinicalFixtures.composition(id, ClinicalFixtures.CONSULT, "Sửa lén sau khi ký"));
        assertThat(update.status()).isEqualTo(409);
        assertThat(update.body()).contains("VNEMR-4101", "không được sửa hoặc xoá");
        FhirTestServer.Response patch = server.send("PATCH", "Composition/" + id,
                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]",
                Map.of("Content-Type", "application/json-patch+json"));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(server.send("DELETE", "Composition/" + id, null, Map.of()).status()).isEqualTo(409);
        assertThat(server.send("DELETE", "Binary/" + signed.pdfBinaryId(), null, Map.of()).status()).isEqualTo(409);
        assertThat(server.send("DELETE", "Provenance/" + signed.provenanceId(), null, Map.of()).status())
                .isEqualTo(409);
        assertThat(server.send("DELETE", "Bundle/" + signed.bundleId(), null, Map.of()).status()).isEqualTo(409);

        assertThat(audits()).isEqualTo(auditsBefore + 6);
        assertThat(server.get("AuditEvent?entity=Composition/" + id + "&_count=50").body())
                .contains("VNEMR-4101", "\"code\":\"delete\"", "\"code\":\"update\"", "\"code\":\"patch\"");
        assertThat(verification.verify(id).valid()).isTrue();
    }

    @Test
    void directRepositoryCall_isRefusedAndAudited() {
        String id = fixtures.draft("consult-repo", ClinicalFixtures.CONSULT);
        documents.sign(id, DOCTOR, "attending-physician");
        int auditsBefore = audits();
        ObjectNode body = FhirJson.parseResource(ClinicalFixtures.composition(id, ClinicalFixtures.CONSULT, "x"));
        assertThatThrownBy(() -> server.bean(WriteService.class).execute(WriteRequest.update("Composition", id, body,
                null), new WriteOptions(true, false))).hasMessageContaining("VNEMR-4101");
        assertThat(audits()).isEqualTo(auditsBefore + 1);
    }

    @Test
    void directSqlOnFrozenRows_fails() {
        String id = fixtures.draft("consult-sql", ClinicalFixtures.CONSULT);
        SignedDocument signed = documents.sign(id, DOCTOR, "attending-physician");
        assertThatThrownBy(() -> jdbc.update("UPDATE composition SET content = content WHERE id = ?", id))
                .hasMessageContaining("VNEMR-4101");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM \"binary\" WHERE id = ?", signed.pdfBinaryId()))
                .hasMessageContaining("VNEMR-4101");
        assertThatThrownBy(() -> jdbc.update("UPDATE bundle SET deleted = true WHERE id = ?", signed.bundleId()))
                .hasMessageContaining("VNEMR-4101");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM signing_frozen_resource WHERE document_id = ?", id))
                .hasMessageContaining("VNEMR-4101");
        // an unsigned draft is still editable by SQL: only frozen rows are locked
        fixtures.draft("consult-draft", ClinicalFixtures.CONSULT);
        assertThat(jdbc.update("UPDATE composition SET last_updated = last_updated WHERE id = ?", "consult-draft"))
                .isEqualTo(1);
    }

    @Test
    void oneFlippedByteOfTheStoredPdf_failsVerification_namingThePdf() {
        String id = fixtures.draft("consult-pdf", ClinicalFixtures.CONSULT);
        SignedDocument signed = documents.sign(id, DOCTOR, "attending-physician");
        String json = jdbc.queryForObject("SELECT content FROM \"binary\" WHERE id = ?", String.class,
                signed.pdfBinaryId());
        ObjectNode binary = FhirJson.parseResource(json);
        byte[] pdf = Base64.getDecoder().decode(binary.get("data").asText());
        pdf[200] ^= 0x01; // inside the signed byte range (the rendered page content)
        binary.put("data", Base64.getEncoder().encodeToString(pdf));
        tamper("binary", signed.pdfBinaryId(), FhirJson.write(binary));

        DocumentVerification result = verification.verify(id);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(DocumentVerification.Problem::code).contains("VNEMR-4120",
                "VNEMR-4121");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.vi()).contains("Binary/" + signed.pdfBinaryId(),
                "bị thay đổi sau khi ký"));
    }

    @Test
    void oneChangedByteOfTheStoredSnapshot_failsVerification_namingTheSnapshot() {
        String id = fixtures.draft("consult-snapshot", ClinicalFixtures.CONSULT);
        SignedDocument signed = documents.sign(id, DOCTOR, "attending-physician");
        String json = jdbc.queryForObject("SELECT content FROM bundle WHERE id = ?", String.class, signed.bundleId());
        assertThat(json).contains("J15.9");
        tamper("bundle", signed.bundleId(), json.replace("J15.9", "J15.8"));

        DocumentVerification result = verification.verify(id);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(DocumentVerification.Problem::code).contains("VNEMR-4120",
                "VNEMR-4122");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.en()).contains("Bundle/" + signed.bundleId()));
    }

    @Test
    void amendment_replacesTheSignedVersion_bothReadable_chainListed() {
        String id = fixtures.draft("discharge-amend", ClinicalFixtures.DISCHARGE);
        documents.sign(id, DOCTOR, "attending-physician");
        DocumentAmendments amendments = server.bean(DocumentAmendments.class);
        assertThatThrownBy(() -> amendments.amend(id, FhirJson.parseResource(ClinicalFixtures.composition(id,
                ClinicalFixtures.DISCHARGE, "x")), " ")).hasMessageContaining("VNEMR-4142");
        String corrected = amendments.amend(id, FhirJson.parseResource(ClinicalFixtures.composition(id,
                ClinicalFixtures.DISCHARGE, "Ra viện ngày 21/11, không phải 20/11.")), "Sai ngày ra viện");
        assertThat(corrected).isNotEqualTo(id);
        String body = server.get("Composition/" + corrected).body();
        assertThat(body).contains("\"code\":\"replaces\"", "Composition/" + id, "Sai ngày ra viện",
                "\"status\":\"preliminary\"");
        assertThat(server.get("Composition/" + id).body()).contains("\"status\":\"final\"");
        documents.sign(corrected, DOCTOR, "attending-physician");
        assertThat(verification.verify(corrected).valid()).isTrue();
        assertThat(verification.verify(id).valid()).isTrue();
        assertThat(amendments.versions(id)).containsExactly(id, corrected);
        assertThat(amendments.versions(corrected)).containsExactly(id, corrected);
        String again = amendments.amend(corrected, FhirJson.parseResource(ClinicalFixtures.composition(id,
                ClinicalFixtures.DISCHARGE, "Bản thứ ba")), "Bổ sung");
        assertThat(amendments.versions(id)).containsExactly(id, corrected, again);
        assertThat(server.get("Provenance?target=Composition/" + corrected).body()).contains("Sai ngày ra viện",
                "\"role\":\"revision\"");
    }

    @Test
    void batchSigning_oneBadDocument_othersSigned_progressReported() {
        String a = fixtures.draft("batch-a", ClinicalFixtures.CONSULT);
        String b = fixtures.draft("batch-b", ClinicalFixtures.CONSULT);
        String c = fixtures.draft("batch-c", ClinicalFixtures.CONSULT);
        documents.sign(c, DOCTOR, "attending-physician"); // already signed: must fail in the batch
        List<String> progress = new java.util.ArrayList<>();
        BatchSigningJob job = server.bean(BatchSigning.class).signAll(List.of(a, "no-such-doc", b, c), DOCTOR,
                "attending-physician", (item, finished, total) -> progress.add(finished + "/" + total + " "
                        + item.state()));
        assertThat(progress).containsExactly("1/4 DONE", "2/4 FAILED", "3/4 DONE", "4/4 FAILED");
        assertThat(job.snapshot()).extracting(BatchSigningJob.Item::code)
                .containsExactly(null, "VNEMR-4100", null, "VNEMR-4102");
        assertThat(job.failedCount()).isEqualTo(2);
        assertThat(verification.verify(a).valid()).isTrue();
        assertThat(verification.verify(b).valid()).isTrue();
    }

    @Test
    void unsignedDocument_verifiesAsNotSigned() {
        String id = fixtures.draft("consult-unsigned", ClinicalFixtures.CONSULT);
        DocumentVerification result = verification.verify(id);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(DocumentVerification.Problem::code).containsExactly("VNEMR-4124");
    }

    @Test
    void export_verifiesOffline_andAFlippedByteFailsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String id = fixtures.draft("discharge-export", ClinicalFixtures.DISCHARGE);
        documents.sign(id, DOCTOR, "attending-physician");
        documents.sign(id, HEAD, "head-of-department");
        StringBuilder ndjson = new StringBuilder();
        for (FrozenRecords.Frozen f : server.bean(FrozenRecords.class).ofDocument(id)) {
            ndjson.append(server.bean(org.vnemr.fhir.store.ResourceStore.class)
                    .readVersion(f.type(), f.id(), f.versionId()).orElseThrow().json()).append('\n');
        }
        java.nio.file.Files.writeString(dir.resolve("export.ndjson"), ndjson);
        byte[] pdf = documents.signedPdf(id);
        java.nio.file.Files.write(dir.resolve("giay-ra-vien.pdf"), pdf);
        ExportVerifier verifier = new ExportVerifier(SigningTestBeans.validator());
        List<ExportVerifier.Result> ok = verifier.verify(dir);
        assertThat(ok).hasSize(2).allSatisfy(r -> assertThat(r.ok()).as(r.problems().toString()).isTrue());
        assertThat(ok).anySatisfy(r -> assertThat(r.name()).contains("Composition/" + id, "Nguyễn Văn An",
                "Trần Thị Bình"));

        byte[] tampered = pdf.clone();
        tampered[200] ^= 0x01;
        java.nio.file.Files.write(dir.resolve("giay-ra-vien.pdf"), tampered);
        java.nio.file.Files.writeString(dir.resolve("export.ndjson"), ndjson.toString().replace("J15.9", "J15.8"));
        List<ExportVerifier.Result> bad = verifier.verify(dir);
        assertThat(bad).hasSize(2).noneMatch(ExportVerifier.Result::ok);
        assertThat(bad).anySatisfy(r -> assertThat(r.problems()).anyMatch(p -> p.startsWith("VNEMR-4122")));
    }

    private static int audits() {
        return jdbc.queryForObject("SELECT count(*) FROM auditevent", Integer.class);
    }

    /** Changes stored bytes around every guard, as a restored backup or a DBA could: the trigger is lifted. */
    private static void tamper(String table, String id, String content) {
        jdbc.execute("ALTER TABLE \"" + table + "\" DISABLE TRIGGER " + table + "_signed_frozen");
        try {
            jdbc.update("UPDATE \"" + table + "\" SET content = ? WHERE id = ?", content, id);
        } finally {
            jdbc.execute("ALTER TABLE \"" + table + "\" ENABLE TRIGGER " + table + "_signed_frozen");
        }
    }
}
