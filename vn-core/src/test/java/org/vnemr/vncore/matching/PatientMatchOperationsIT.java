package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Patient/$match, $merge and $unmerge over HTTP against a real server and database. */
class PatientMatchOperationsIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(PatientMatchingConfiguration.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(Response r) {
        return FhirJson.parseResource(r.body());
    }

    private static String create(TestPatients patient) {
        Response r = server.post("Patient", patient.text());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asText();
    }

    private static JsonNode read(String reference) {
        Response r = server.get(reference);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** A unique 12-digit CCCD per call, so tests sharing the server do not match each other's patients. */
    private static String cccd() {
        return "0" + String.format("%011d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L));
    }

    private static String mergeParameters(String source, String target, String reason) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":["
                + (source == null ? "" : "{\"name\":\"source-patient\",\"valueReference\":{\"reference\":\"" + source + "\"}},")
                + (target == null ? "" : "{\"name\":\"target-patient\",\"valueReference\":{\"reference\":\"" + target + "\"}},")
                + "{\"name\":\"reason\",\"valueString\":\"" + reason + "\"}]}";
    }

    private static Response merge(String sourceId, String targetId) {
        return server.post("Patient/$merge", mergeParameters("Patient/" + sourceId, "Patient/" + targetId,
                "Trùng hồ sơ do đăng ký hai lần"));
    }

    private static Response unmerge(String sourceId, String targetId) {
        return server.post("Patient/$unmerge", mergeParameters("Patient/" + sourceId, "Patient/" + targetId,
                "Gộp nhầm"));
    }

    private static void assertRefused(Response r, int status, String code, String vietnamese) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode issue = json(r).path("issue").get(0);
        assertThat(issue.path("details").path("coding").get(0).path("code").asText()).isEqualTo(code);
        assertThat(issue.path("details").path("text").asText()).contains(vietnamese);
    }

    private static ObjectNode withoutMeta(JsonNode resource) {
        ObjectNode copy = (ObjectNode) resource.deepCopy();
        copy.remove("meta");
        return copy;
    }

    @Test
    void match_answersASearchsetWithScoreGradeAndExplanation() {
        String number = cccd();
        String id = create(TestPatients.patient().name("Trương Thị Bích Ngọc").born("1988-03-09").sex("female")
                .cccd(number).ward("26734", "79"));
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\",\"resource\":"
                + TestPatients.patient().name("TRUONG THI BICH NGOC").born("1988-09-03").sex("female")
                .bhyt(number).text() + "},{\"name\":\"count\",\"valueInteger\":5}]}";

        Response r = server.post("Patient/$match", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode bundle = json(r);
        assertThat(bundle.path("type").asText()).isEqualTo("searchset");
        JsonNode first = bundle.path("entry").get(0);
        assertThat(first.path("resource").path("id").asText()).isEqualTo(id);
        assertThat(first.path("search").path("mode").asText()).isEqualTo("match");
        assertThat(first.path("search").path("score").asDouble()).isEqualTo(1.0);
        JsonNode extensions = first.path("search").path("extension");
        assertThat(extensions.get(0).path("url").asText()).isEqualTo(PatientMatchOperations.MATCH_GRADE_URL);
        assertThat(extensions.get(0).path("valueCode").asText()).isEqualTo("certain");
        assertThat(extensions.get(1).path("url").asText()).isEqualTo(PatientMatchOperations.EXPLANATION_URL);
        assertThat(extensions.get(1).toString()).contains("Định danh CCCD trùng nhau", "Ngày sinh: đảo ngày và tháng");
        JsonNode outcome = bundle.path("entry").get(bundle.path("entry").size() - 1);
        assertThat(outcome.path("resource").path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("search").path("mode").asText()).isEqualTo("outcome");
        assertThat(outcome.path("resource").path("issue").get(0).path("diagnostics").asText())
                .startsWith("Patient/" + id + ": Chắc chắn trùng");
    }

    @Test
    void match_onlyCertainMatches_leavesOutProbableOnes() {
        create(TestPatients.patient().name("Quách Văn Tĩnh").born("1961-11-02").sex("male").ward("00004", "01"));
        String candidate = TestPatients.patient().name("Quách Văn Tĩnh").born("1961-11-02").sex("male")
                .ward("00004", "01").text();

        JsonNode all = json(server.post("Patient/$match", "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"resource\",\"resource\":" + candidate + "}]}"));
        JsonNode certain = json(server.post("Patient/$match", "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"resource\",\"resource\":" + candidate + "},"
                + "{\"name\":\"onlyCertainMatches\",\"valueBoolean\":true}]}"));

        assertThat(all.path("entry").get(0).path("search").path("extension").get(0).path("valueCode").asText())
                .isEqualTo("probable");
        assertThat(certain.path("total").asInt()).isZero();
    }

    @Test
    void match_withoutAPatient_isRefusedInVietnamese() {
        Response r = server.post("Patient/$match", "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"count\",\"valueInteger\":3}]}");

        assertRefused(r, 400, "VNEMR-3100", "cần một bệnh nhân");
    }

    @Test
    void match_withACountTooLarge_isRefused() {
        Response r = server.post("Patient/$match", "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\"}},"
                + "{\"name\":\"count\",\"valueInteger\":1000}]}");

        assertRefused(r, 400, "VNEMR-3101", "từ 1 đến 100");
    }

    @Test
    void merge_linksBothRecords_copiesMissingIdentifiers_andAudits() {
        String sourceCccd = cccd();
        String source = create(TestPatients.patient().name("Lò Văn Pắng").born("1970-01-01").sex("male")
                .cccd(sourceCccd).bhyt("HT4010123456789"));
        String target = create(TestPatients.patient().name("Lò Văn Pắng").born("1970").sex("male")
                .cccd(sourceCccd));

        Response r = merge(source, target);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode mergedSource = read("Patient/" + source);
        JsonNode mergedTarget = read("Patient/" + target);
        assertThat(mergedSource.path("active").asBoolean(true)).isFalse();
        assertThat(mergedSource.path("link").get(0).path("type").asText()).isEqualTo("replaced-by");
        assertThat(mergedSource.path("link").get(0).path("other").path("reference").asText())
                .isEqualTo("Patient/" + target);
        assertThat(mergedTarget.path("link").get(0).path("type").asText()).isEqualTo("replaces");
        assertThat(mergedTarget.path("link").get(0).path("other").path("reference").asText())
                .isEqualTo("Patient/" + source);
        // the CCCD is already there (once); the BHYT card is copied as an old identifier
        assertThat(mergedTarget.path("identifier")).hasSize(2);
        JsonNode copied = mergedTarget.path("identifier").get(1);
        assertThat(copied.path("use").asText()).isEqualTo("old");
        assertThat(copied.path("value").asText()).isEqualTo("HT4010123456789");
        // both histories stay: version 1 of each is still readable
        assertThat(server.get("Patient/" + source + "/_history/1").status()).isEqualTo(200);
        assertThat(server.get("Patient/" + target + "/_history/1").status()).isEqualTo(200);

        String auditReference = json(r).path("parameter").findValues("valueReference").get(0)
                .path("reference").asText();
        JsonNode audit = read(auditReference);
        assertThat(audit.path("type").path("code").asText()).isEqualTo("rest");
        assertThat(audit.path("subtype").get(0).path("code").asText()).isEqualTo("merge");
        assertThat(audit.path("agent").get(0).path("who").path("display").asText()).isEqualTo("system");
        assertThat(audit.path("purposeOfEvent").get(0).path("text").asText()).isEqualTo("Trùng hồ sơ do đăng ký hai lần");
        assertThat(audit.path("entity").findValues("what")).extracting(w -> w.path("reference").asText())
                .containsExactly("Patient/" + source, "Patient/" + target);

        assertThat(server.bean(PatientLinks.class).allIdsOf(target)).containsExactly(target, source);
        assertThat(server.bean(PatientLinks.class).allIdsOf(source)).containsExactly(source);
    }

    @Test
    void mergedRecord_isNoLongerOfferedByMatch_theSurvivorIs() {
        String number = cccd();
        String source = create(TestPatients.patient().name("Mạc Thị Bưởi").born("1950-02-03").cccd(number));
        String target = create(TestPatients.patient().name("Mạc Thị Bưởi").born("1950-02-03").sex("female"));
        assertThat(merge(source, target).status()).isEqualTo(200);

        List<PatientMatch> matches = server.bean(PatientMatcher.class)
                .match(TestPatients.patient().name("Mạc Thị Bưởi").cccd(number).json(), false, 10);

        assertThat(matches).extracting(PatientMatch::patientId).containsExactly(target);
        assertThat(matches.get(0).score().grade()).isEqualTo(MatchGrade.CERTAIN);
    }

    @Test
    void unmerge_restoresBothRecordsExactly_andAudits() {
        String source = create(TestPatients.patient().name("Đinh Bộ Lĩnh").born("1924-03-22").sex("male")
                .cccd(cccd()).passport("c7654321").phone("0988 111 222"));
        String target = create(TestPatients.patient().name("Đinh Bộ Lĩnh").born("1924-03-22").sex("male")
                .cccd(cccd()));
        JsonNode sourceBefore = read("Patient/" + source);
        JsonNode targetBefore = read("Patient/" + target);
        assertThat(merge(source, target).status()).isEqualTo(200);

        Response r = unmerge(source, target);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(withoutMeta(read("Patient/" + source))).isEqualTo(withoutMeta(sourceBefore));
        assertThat(withoutMeta(read("Patient/" + target))).isEqualTo(withoutMeta(targetBefore));
        assertThat(read("Patient/" + source).path("meta").path("versionId").asText()).isEqualTo("3");
        JsonNode audits = json(server.get("AuditEvent?entity=Patient/" + source));
        assertThat(audits.path("entry").findValues("subtype")).extracting(s -> s.get(0).path("code").asText())
                .containsExactlyInAnyOrder("merge", "unmerge");
        assertThat(server.bean(PatientLinks.class).allIdsOf(target)).containsExactly(target);
        // once undone, the same pair can be merged again
        assertThat(merge(source, target).status()).isEqualTo(200);
    }

    @Test
    void unmerge_keepsChangesMadeToTheTargetAfterTheMerge() {
        String source = create(TestPatients.patient().name("Hà Văn Thắm").cccd(cccd()));
        String target = create(TestPatients.patient().name("Hà Văn Thắm").born("1966"));
        assertThat(merge(source, target).status()).isEqualTo(200);
        ObjectNode edited = (ObjectNode) read("Patient/" + target);
        edited.put("birthDate", "1966-06-16");
        assertThat(server.put("Patient/" + target, FhirJson.write(edited)).status()).isEqualTo(200);

        assertThat(unmerge(source, target).status()).isEqualTo(200);

        JsonNode after = read("Patient/" + target);
        assertThat(after.path("birthDate").asText()).isEqualTo("1966-06-16");
        assertThat(after.has("identifier")).isFalse();
        assertThat(after.has("link")).isFalse();
    }

    @Test
    void merge_isAtomic_whenTheLastWriteFails() {
        String source = create(TestPatients.patient().name("Cầm Thị Xoan").cccd(cccd()));
        String target = create(TestPatients.patient().name("Cầm Thị Xoan").born("1990"));
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        long auditsBefore = json(server.get("AuditEvent?_summary=count")).path("total").asLong();
        jdbc.execute("""
                CREATE FUNCTION test_refuse_merge() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'merge refused by test'; END $$""");
        jdbc.execute("CREATE TRIGGER test_refuse_merge BEFORE INSERT ON vncore_patient_merge "
                + "FOR EACH ROW EXECUTE FUNCTION test_refuse_merge()");
        try {
            Response r = merge(source, target);

            // the engine's internal-error answer (its HTTP status is the fhir module's choice)
            assertThat(json(r).path("issue").get(0).path("details").path("coding").get(0).path("code").asText())
                    .isEqualTo("VNEMR-1000");
            assertThat(json(r).path("issue").get(0).path("details").path("text").asText())
                    .contains("dữ liệu không thay đổi");
        } finally {
            jdbc.execute("DROP TRIGGER test_refuse_merge ON vncore_patient_merge");
            jdbc.execute("DROP FUNCTION test_refuse_merge()");
        }
        JsonNode sourceAfter = read("Patient/" + source);
        assertThat(sourceAfter.path("meta").path("versionId").asText()).isEqualTo("1");
        assertThat(sourceAfter.has("link")).isFalse();
        assertThat(read("Patient/" + target).path("meta").path("versionId").asText()).isEqualTo("1");
        assertThat(json(server.get("AuditEvent?_summary=count")).path("total").asLong()).isEqualTo(auditsBefore);
        assertThat(merge(source, target).status()).isEqualTo(200);
    }

    @Test
    void merge_intoItself_isRefused() {
        String id = create(TestPatients.patient().name("Vi Văn Định"));

        assertRefused(merge(id, id), 422, "VNEMR-3110", "vào chính nó");
    }

    @Test
    void merge_intoAMergedRecord_isRefused() {
        String a = create(TestPatients.patient().name("Lục Văn Một"));
        String b = create(TestPatients.patient().name("Lục Văn Một"));
        String c = create(TestPatients.patient().name("Lục Văn Một"));
        assertThat(merge(a, b).status()).isEqualTo(200);

        assertRefused(merge(c, a), 422, "VNEMR-3114", "Hồ sơ đích");
        assertRefused(merge(a, c), 422, "VNEMR-3113", "Hồ sơ nguồn");
        assertRefused(merge(b, c), 422, "VNEMR-3115", "không gộp nối tiếp");
    }

    @Test
    void merge_intoAnInactiveRecord_isRefused() {
        String source = create(TestPatients.patient().name("Nông Văn Dền"));
        ObjectNode inactive = TestPatients.patient().name("Nông Văn Dền").json();
        inactive.put("active", false);
        Response created = server.post("Patient", FhirJson.write(inactive));
        String target = json(created).path("id").asText();

        assertRefused(merge(source, target), 422, "VNEMR-3114", "không còn hoạt động");
    }

    @Test
    void merge_ofAnUnknownPatient_isNotFound() {
        String target = create(TestPatients.patient().name("Bế Văn Đàn"));

        assertRefused(merge("khong-co", target), 404, "VNEMR-3111", "Không tìm thấy hồ sơ bệnh nhân khong-co");
    }

    @Test
    void merge_withoutSource_orWithAnotherResourceType_isABadRequest() {
        String target = create(TestPatients.patient().name("Hoàng Văn Thụ"));

        assertRefused(server.post("Patient/$merge", mergeParameters(null, "Patient/" + target, "x")), 400,
                "VNEMR-3116", "Thiếu tham số source-patient");
        assertRefused(server.post("Patient/$merge", mergeParameters("Practitioner/1", "Patient/" + target, "x")), 400,
                "VNEMR-3117", "phải tham chiếu tới một bệnh nhân");
    }

    @Test
    void unmerge_ofPatientsNeverMerged_isRefused() {
        String a = create(TestPatients.patient().name("Tạ Quang Bửu"));
        String b = create(TestPatients.patient().name("Tạ Quang Bửu"));

        assertRefused(unmerge(a, b), 422, "VNEMR-3120", "Không có lần gộp hồ sơ");
    }
}
