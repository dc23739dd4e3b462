package org.vnemr.terminology.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.terminology.catalogue.XlsxFiles.row;

/** The catalogue operations over real HTTP: import, preview, activate, versions, price of the day, refusals. */
class CatalogueOperationsIT {

    static FhirTestServer server;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(CatalogueConfiguration.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] sample(String file) throws IOException {
        try (InputStream in = CatalogueOperationsIT.class.getResourceAsStream("/vnemr/catalogue/samples/" + file)) {
            return in.readAllBytes();
        }
    }

    static String importBody(String kind, byte[] xlsx, String filename) {
        ObjectNode parameters = FhirJson.object();
        parameters.put("resourceType", "Parameters");
        ArrayNode list = parameters.putArray("parameter");
        list.addObject().put("name", "kind").put("valueString", kind);
        list.addObject().put("name", "file").put("valueBase64Binary", Base64.getEncoder().encodeToString(xlsx));
        list.addObject().put("name", "filename").put("valueString", filename);
        return FhirJson.write(parameters);
    }

    static JsonNode json(Response r) {
        return FhirJson.parseResource(r.body());
    }

    /** The value of a top-level parameter as text. */
    static String value(JsonNode parameters, String name) {
        for (JsonNode p : parameters.path("parameter")) {
            if (p.path("name").asText().equals(name)) {
                for (var it = p.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (field.startsWith("value")) {
                        return p.get(field).asText();
                    }
                }
            }
        }
        return null;
    }

    @Test
    void importPreviewActivateAndPrice_overHttp() throws IOException {
        Response imported = server.post("CodeSystem/$catalogue-import", importBody("supply", sample("supply.xlsx"),
                "supply.xlsx"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String version = value(json(imported), "version");
        assertThat(value(json(imported), "status")).isEqualTo("pending");
        assertThat(value(json(imported), "entries")).isEqualTo("5");
        assertThat(value(json(imported), "addedCount")).isEqualTo("5");

        Response preview = server.get("CodeSystem/$catalogue-preview?version=" + version + "&limit=2");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(value(json(preview), "addedCount")).isEqualTo("5");
        assertThat(json(preview).path("parameter").findValues("name").stream().map(JsonNode::asText)
                .filter("added"::equals)).hasSize(2);

        Response cs = server.get("CodeSystem/catalogue-" + version);
        assertThat(json(cs).path("status").asText()).isEqualTo("draft");

        Response activated = server.post("CodeSystem/$catalogue-activate", "{\"resourceType\":\"Parameters\","
                + "\"parameter\":[{\"name\":\"version\",\"valueString\":\"" + version + "\"},"
                + "{\"name\":\"effective\",\"valueString\":\"2026-01-01\"}]}");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(value(json(activated), "status")).isEqualTo("active");
        assertThat(value(json(activated), "effectiveFrom")).isEqualTo("2026-01-01");

        Response price = server.get("CodeSystem/$catalogue-price?kind=supply&code=N07.01.030&date=2026-05-20");
        assertThat(price.status()).as(price.body()).isEqualTo(200);
        assertThat(value(json(price), "bhytPrice")).isEqualTo("36000000");
        assertThat(value(json(price), "paymentRatio")).isEqualTo("50");
        assertThat(value(json(price), "version")).isEqualTo(version);

        Response before = server.get("CodeSystem/$catalogue-price?kind=supply&code=N07.01.030&date=2025-05-20");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body()).contains("VNEMR-2119");

        Response versions = server.get("CodeSystem/$catalogue-versions?kind=supply");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body()).contains(version).contains("\"active\"");

        Response search = server.get("ChargeItemDefinition?url=https://vnemr.org/fhir/ChargeItemDefinition/catalogue-supply");
        assertThat(search.status()).isEqualTo(200);
        assertThat(json(search).path("entry")).hasSize(1);
    }

    @Test
    void refusedFile_answers422WithOneIssuePerRowAndColumn_inVietnameseAndEnglish() {
        byte[] bad = XlsxFiles.workbook("x", List.of(
                row("MA_DICH_VU", "TEN_DICH_VU", "DON_GIA_BH", "TYLE_TT_BH"),
                row("18.0001.0001", "Siêu âm ổ bụng", "43.900,5", 100),
                row("18.0068.28", "X-quang", 65400, 101)));

        Response refused = server.post("CodeSystem/$catalogue-import", importBody("service", bad, "bad.xlsx"));

        assertThat(refused.status()).isEqualTo(422);
        JsonNode refusals = json(refused).path("issue");
        assertThat(refusals).hasSize(3);
        assertThat(refusals.get(0).path("details").path("text").asText())
                .startsWith("Dòng 2, cột DON_GIA_BH: '43.900,5' không phải số thập phân không âm");
        assertThat(refusals.get(1).path("details").path("text").asText())
                .startsWith("Dòng 3, cột MA_DICH_VU: mã '18.0068.28' sai định dạng");
        assertThat(refusals.get(2).path("details").path("coding").get(0).path("code").asText()).isEqualTo("VNEMR-2107");
        assertThat(refusals.get(2).path("diagnostics").asText())
                .isEqualTo("VNEMR-2107: Row 3, column TYLE_TT_BH: ratio '101' must be a number from 0 to 100");
        assertThat(server.get("CodeSystem/$catalogue-versions?kind=service").body()).doesNotContain("\"version\"");
    }

    @Test
    void unknownKindMissingParametersAndBadDates_areClearErrors() throws IOException {
        Response unknown = server.post("CodeSystem/$catalogue-import", importBody("thuoc", sample("drug.xlsx"), "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("VNEMR-2100").contains("Loại danh mục không hợp lệ: thuoc");

        Response noVersion = server.get("CodeSystem/$catalogue-preview");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body()).contains("VNEMR-2116");

        Response missing = server.get("CodeSystem/$catalogue-preview?version=drug-20260101-000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("VNEMR-2113");

        Response badDate = server.get("CodeSystem/$catalogue-price?kind=drug&code=40.17&date=01-02-2026");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("VNEMR-2117");
    }
}
