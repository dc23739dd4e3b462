package org.vnemr.terminology.operation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.icd.Icd10VnImporter;
import org.vnemr.terminology.load.TerminologyLoader;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminology operations over HTTP, on a server that loaded the shipped ICD-10 VN and ICD-9-CM. */
class TerminologyOperationsIT {

    private static final String ICD10 = Icd10VnImporter.URL;
    private static final String ICD10_VS = Icd10VnImporter.VALUE_SET_URL;
    private static FhirTestServer server;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        server = FhirTestServer.startWith(List.of(TerminologyConfiguration.class));
        long started = System.nanoTime();
        server.bean(TerminologyIndex.class).awaitReady();
        long loaded = System.nanoTime();
        TerminologyLoader.Report again = server.bean(TerminologyLoader.class).loadAll();
        System.out.printf("terminology: server up %d ms, first load done %d ms later; a restart's load %d ms "
                        + "(unchanged %s)%n", (started - t0) / 1_000_000, (loaded - started) / 1_000_000,
                again.millis(), again.unchanged());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode ok(String path) {
        FhirTestServer.Response r = server.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return FhirJson.parseResource(r.body());
    }

    private static String parameter(JsonNode parameters, String name) {
        for (JsonNode p : parameters.path("parameter")) {
            if (name.equals(p.path("name").asText())) {
                for (var it = p.fields(); it.hasNext(); ) {
                    var f = it.next();
                    if (f.getKey().startsWith("value")) {
                        return f.getValue().asText();
                    }
                }
            }
        }
        return null;
    }

    private static void assertError(FhirTestServer.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("OperationOutcome").contains(code);
    }

    @Test
    void expand_filterWithoutDiacritics_putsDisplaysStartingWithThePhraseFirst() {
        JsonNode vs = ok("ValueSet/$expand?url=" + enc(ICD10_VS) + "&filter=" + enc("viem phoi") + "&count=20");
        JsonNode contains = vs.at("/expansion/contains");
        assertThat(contains.size()).isEqualTo(20);
        assertThat(contains.get(0).path("display").asText()).startsWith("Viêm phổi");
        assertThat(contains.get(0).path("system").asText()).isEqualTo(ICD10);
        assertThat(vs.at("/expansion/total").asInt()).isGreaterThan(20);
        List<String> first = new ArrayList<>();
        contains.forEach(c -> first.add(c.path("display").asText()));
        assertThat(first.subList(0, 5)).allMatch(d -> d.startsWith("Viêm phổi"));
    }

    @Test
    void expand_pagesWithOffsetAndCount_andTheSameTotal() {
        String base = "ValueSet/$expand?url=" + enc(ICD10_VS) + "&filter=" + enc("tang huyet ap") + "&count=5";
        JsonNode page1 = ok(base);
        JsonNode page2 = ok(base + "&offset=5");
        assertThat(page1.at("/expansion/total").asInt()).isEqualTo(page2.at("/expansion/total").asInt());
        assertThat(page2.at("/expansion/offset").asInt()).isEqualTo(5);
        List<String> codes = new ArrayList<>();
        page1.at("/expansion/contains").forEach(c -> codes.add(c.path("code").asText()));
        page2.at("/expansion/contains").forEach(c -> codes.add(c.path("code").asText()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        JsonNode all = ok("ValueSet/$expand?url=" + enc(ICD10_VS) + "&filter=" + enc("tang huyet ap") + "&count=10");
        List<String> together = new ArrayList<>();
        all.at("/expansion/contains").forEach(c -> together.add(c.path("code").asText()));
        assertThat(together).isEqualTo(codes);
    }

    @Test
    void expand_byPostedParameters() {
        String parameters = """
                {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"%s"},
                 {"name":"filter","valueString":"gay xuong"},{"name":"count","valueInteger":3}]}"""
                .formatted(ICD10_VS);
        FhirTestServer.Response r = server.post("ValueSet/$expand", parameters);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode vs = FhirJson.parseResource(r.body());
        assertThat(vs.at("/expansion/contains").size()).isEqualTo(3);
        assertThat(vs.at("/expansion/contains/0/display").asText()).startsWith("Gãy xương");
    }

    @Test
    void expand_byCodePrefix_andByInstanceId_andTooLargeWithoutCount() {
        JsonNode byCode = ok("ValueSet/$expand?url=" + enc(ICD10_VS) + "&filter=J18&count=10");
        assertThat(byCode.at("/expansion/contains/0/code").asText()).isEqualTo("J18");
        assertThat(byCode.at("/expansion/contains/1/code").asText()).isEqualTo("J18.0");
        JsonNode byId = ok("ValueSet/" + Icd10VnImporter.VALUE_SET_ID + "/$expand?filter=" + enc("dai thao duong")
                + "&count=3");
        assertThat(byId.at("/expansion/contains/0/display").asText()).startsWith("Đái tháo đường");
        assertError(server.get("ValueSet/$expand?url=" + enc(ICD10_VS)), 422, "VNEMR-2007");
        assertError(server.get("ValueSet/$expand?url=" + enc("https://example.org/none")), 404, "VNEMR-2001");
        assertError(server.get("ValueSet/$expand"), 400, "VNEMR-2002");
    }

    @Test
    void expand_composedValueSet_withIsAFilterAndPostedParameters() {
        String vs = """
                {"resourceType":"ValueSet","id":"pneumonia","url":"https://vnemr.org/fhir/ValueSet/test-pneumonia",
                 "status":"active","compose":{"include":[{"system":"%s",
                 "filter":[{"property":"concept","op":"is-a","value":"J18"}]}]}}""".formatted(ICD10);
        assertThat(server.put("ValueSet/pneumonia", vs).status()).isIn(200, 201);
        JsonNode expanded = ok("ValueSet/$expand?url=" + enc("https://vnemr.org/fhir/ValueSet/test-pneumonia"));
        List<String> codes = new ArrayList<>();
        expanded.at("/expansion/contains").forEach(c -> codes.add(c.path("code").asText()));
        assertThat(codes).contains("J18", "J18.9").allMatch(c -> c.startsWith("J18"));
        String parameters = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"url","valueUri":"https://vnemr.org/fhir/ValueSet/test-pneumonia"},
                 {"name":"code","valueCode":"J18.9"},{"name":"system","valueUri":"%s"}]}""".formatted(ICD10);
        FhirTestServer.Response inSet = server.post("ValueSet/$validate-code", parameters);
        assertThat(parameter(FhirJson.parseResource(inSet.body()), "result")).isEqualTo("true");
        JsonNode notIn = ok("ValueSet/pneumonia/$validate-code?system=" + enc(ICD10) + "&code=I10");
        assertThat(parameter(notIn, "result")).isEqualTo("false");
        assertThat(parameter(notIn, "message")).contains("I10");
    }

    @Test
    void lookup_givesDisplayDesignationsPropertiesAndHierarchy_alsoForDotlessCodeAndAliasSystem() {
        JsonNode p = ok("CodeSystem/$lookup?system=" + enc(ICD10) + "&code=J18.9");
        assertThat(parameter(p, "display")).isEqualTo("Viêm phổi, không đặc hiệu");
        assertThat(parameter(p, "name")).isEqualTo("VnIcd10");
        assertThat(p.toString()).contains("Pneumonia, unspecified").contains("\"valueCode\":\"J18\"");
        JsonNode dotless = ok("CodeSystem/$lookup?system=" + enc("http://hl7.org/fhir/sid/icd-10") + "&code=J189");
        assertThat(parameter(dotless, "display")).isEqualTo("Viêm phổi, không đặc hiệu");
        assertThat(parameter(dotless, "code")).isEqualTo("J18.9");
        JsonNode o80 = ok("CodeSystem/$lookup?system=" + enc(ICD10) + "&code=O80&property=sex&property=child");
        assertThat(o80.toString()).contains("female").contains("O80.0").doesNotContain("\"kind\"");
        assertError(server.get("CodeSystem/$lookup?system=" + enc(ICD10) + "&code=X99.999"), 404, "VNEMR-2005");
        assertError(server.get("CodeSystem/$lookup?system=" + enc("https://example.org/cs") + "&code=1"), 404,
                "VNEMR-2000");
        assertError(server.get("CodeSystem/$lookup?code=J18.9"), 400, "VNEMR-2002");
    }

    @Test
    void validateCode_falseForUnknownCode_trueForKnown_checksDisplay() {
        JsonNode unknown = ok("CodeSystem/$validate-code?url=" + enc(ICD10) + "&code=X99.999");
        assertThat(parameter(unknown, "result")).isEqualTo("false");
        assertThat(parameter(unknown, "message")).contains("X99.999");
        JsonNode known = ok("CodeSystem/$validate-code?url=" + enc(ICD10) + "&code=J18.9&display="
                + enc("viem phoi, khong dac hieu"));
        assertThat(parameter(known, "result")).isEqualTo("true");
        JsonNode wrongDisplay = ok("CodeSystem/vn-icd10-cs/$validate-code?code=J18.9&display=" + enc("Cúm"));
        assertThat(parameter(wrongDisplay, "result")).isEqualTo("false");
        JsonNode inAllCodes = ok("ValueSet/$validate-code?url=" + enc(ICD10_VS) + "&code=I10");
        assertThat(parameter(inAllCodes, "result")).isEqualTo("true");
    }

    @Test
    void subsumes_followsTheHierarchy() {
        String base = "CodeSystem/$subsumes?system=" + enc(ICD10);
        assertThat(parameter(ok(base + "&codeA=J18&codeB=J18.9"), "outcome")).isEqualTo("subsumes");
        assertThat(parameter(ok(base + "&codeA=J18.9&codeB=J00-J99"), "outcome")).isEqualTo("subsumed-by");
        assertThat(parameter(ok(base + "&codeA=J18.9&codeB=J189"), "outcome")).isEqualTo("equivalent");
        assertThat(parameter(ok(base + "&codeA=J18&codeB=I10"), "outcome")).isEqualTo("not-subsumed");
        assertError(server.get(base + "&codeA=J18"), 400, "VNEMR-2002");
    }

    @Test
    void translate_withASmallConceptMap_andTheShippedTechniqueMap() {
        String map = """
                {"resourceType":"ConceptMap","id":"test-icd-map","url":"https://vnemr.org/fhir/ConceptMap/test",
                 "status":"active","group":[{"source":"%s","target":"http://snomed.info/sct",
                 "element":[{"code":"J18.9","target":[{"code":"233604007","display":"Pneumonia",
                 "equivalence":"equivalent"}]}]}]}""".formatted(ICD10);
        assertThat(server.put("ConceptMap/test-icd-map", map).status()).isIn(200, 201);
        JsonNode byUrl = ok("ConceptMap/$translate?url=" + enc("https://vnemr.org/fhir/ConceptMap/test")
                + "&system=" + enc(ICD10) + "&code=J189");
        assertThat(parameter(byUrl, "result")).isEqualTo("true");
        assertThat(byUrl.toString()).contains("233604007").contains("equivalent");
        JsonNode reverse = ok("ConceptMap/test-icd-map/$translate?system=" + enc("http://snomed.info/sct")
                + "&code=233604007&reverse=true");
        assertThat(reverse.toString()).contains("J18.9");
        JsonNode none = ok("ConceptMap/$translate?system=" + enc(ICD10) + "&code=I10");
        assertThat(parameter(none, "result")).isEqualTo("false");
        JsonNode technique = ok("ConceptMap/$translate?system=" + enc("https://vnemr.org/fhir/CodeSystem/dvkt-tuong-duong")
                + "&code=01.0117.0118");
        assertThat(technique.toString()).contains("33.22");
        assertError(server.get("ConceptMap/$translate?url=" + enc("https://example.org/cm") + "&system=a&code=b"), 404,
                "VNEMR-2004");
    }

    @Test
    void storedResources_areServedByThePlainApi() {
        JsonNode bundle = ok("CodeSystem?url=" + enc(ICD10) + "&_elements=url,version,count");
        assertThat(bundle.at("/entry/0/resource/count").asInt()).isEqualTo(12433);
        assertThat(ok("CodeSystem/icd-9-cm-vn").path("url").asText()).isEqualTo("http://hl7.org/fhir/sid/icd-9-cm");
    }
}
