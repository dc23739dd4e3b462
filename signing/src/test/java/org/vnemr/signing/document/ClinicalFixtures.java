package org.vnemr.signing.document;

import org.vnemr.fhir.testing.FhirTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Puts a patient, a doctor, a diagnosis and draft documents into a test server, over HTTP. */
final class ClinicalFixtures {

    static final String DISCHARGE = "18842-5";
    static final String CONSENT = "59284-0";
    static final String CONSULT = "11488-4";

    private final FhirTestServer server;

    ClinicalFixtures(FhirTestServer server) {
        this.server = server;
        put("Patient/p1", """
                {"resourceType":"Patient","id":"p1","name":[{"family":"Nguyễn","given":["Thị Hương"]}],
                 "gender":"female","birthDate":"1980-03-14"}""");
        put("Practitioner/dr1", """
                {"resourceType":"Practitioner","id":"dr1","name":[{"text":"BS. Trần Văn Đức"}]}""");
        put("Practitioner/head1", """
                {"resourceType":"Practitioner","id":"head1","name":[{"text":"TS. Lê Thị Mai"}]}""");
        put("RelatedPerson/rp1", """
                {"resourceType":"RelatedPerson","id":"rp1","patient":{"reference":"Patient/p1"},
                 "name":[{"text":"Nguyễn Văn Nam"}]}""");
        put("Condition/c1", """
                {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},
                 "code":{"text":"Viêm phổi do vi khuẩn (J15.9)"}}""");
    }

    /** A draft document of {@code typeCode}. */
    String draft(String id, String typeCode) {
        put("Composition/" + id, composition(id, typeCode, "Người bệnh ổn định, cho ra viện."));
        return id;
    }

    static String composition(String id, String typeCode, String text) {
        return """
                {"resourceType":"Composition","id":"%s","status":"preliminary",
                 "type":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/p1"},"date":"2026-11-20T08:30:00Z",
                 "author":[{"reference":"Practitioner/dr1"}],"title":"Tài liệu %s",
                 "section":[{"title":"Chẩn đoán","entry":[{"reference":"Condition/c1"}]},
                  {"title":"Tóm tắt","text":{"status":"generated",
                   "div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>%s</p></div>"}}]}"""
                .formatted(id, typeCode, id, text);
    }

    void put(String path, String body) {
        FhirTestServer.Response response = server.put(path, body);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
}
