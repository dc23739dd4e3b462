package org.vnemr.terminology.catalogue;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.testing.FhirTestServer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vnemr.terminology.catalogue.XlsxFiles.row;

/**
 * Import → pending version → preview → activation → price of the day, over the real store. Each test works on its
 * own catalogue kind, so the shared database does not couple them.
 */
class CatalogueVersionsIT {

    static FhirTestServer server;
    static Catalogues catalogues;
    static CataloguePrices prices;
    static ResourceStore resources;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(CatalogueConfiguration.class));
        catalogues = server.bean(Catalogues.class);
        prices = server.bean(CataloguePrices.class);
        resources = server.bean(ResourceStore.class);
        jdbc = server.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static InputStream sample(String file) {
        return CatalogueVersionsIT.class.getResourceAsStream("/vnemr/catalogue/samples/" + file);
    }

    static JsonNode resource(String type, String id) {
        return FhirJson.parseResource(resources.read(type, id).orElseThrow().json());
    }

    /** The service sample with X-quang dearer, the appendectomy gone and a new ultrasound. */
    static byte[] servicesVersion2() {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : CatalogueSampleFiles.serviceRows()) {
            List<Object> copy = new ArrayList<>(r);
            if (copy.size() > 1 && "18.0068.0028".equals(copy.get(1))) {
                copy.set(4, 71000);
            }
            if (copy.size() < 2 || !"10.0569.0571".equals(copy.get(1))) {
                rows.add(copy);
            }
        }
        rows.add(row(7, "18.0002.0001", "Siêu âm tuyến giáp", "Lần", 43900, 45000, null, "Mẫu"));
        return XlsxFiles.workbook("DVKT", rows);
    }

    @Test
    void import_storesAPendingVersionWithADraftCodeSystem_notYetUsedForPrices() {
        CatalogueVersion version = catalogues.importFile(CatalogueKind.SUPPLY, "supply.xlsx", sample("supply.xlsx"));

        assertThat(version.status()).isEqualTo(CatalogueVersion.Status.PENDING);
        assertThat(version.entryCount()).isEqualTo(5);
        JsonNode cs = resource("CodeSystem", "catalogue-" + version.id());
        assertThat(cs.path("status").asText()).isEqualTo("draft");
        assertThat(cs.path("url").asText()).isEqualTo(CatalogueKind.SUPPLY.system());
        assertThat(cs.path("version").asText()).isEqualTo(version.id());
        assertThat(cs.path("concept")).hasSize(5);
        JsonNode stent = cs.path("concept").get(3);
        assertThat(stent.path("code").asText()).isEqualTo("N07.01.030");
        assertThat(stent.path("property").toString()).contains("\"code\":\"DON_GIA_BH\",\"valueDecimal\":36000000");
        assertThat(prices.priceOn(CatalogueKind.SUPPLY, "N07.01.030", LocalDate.now())).isEmpty();
    }

    @Test
    void refusedFile_storesNothing() {
        byte[] bad = XlsxFiles.workbook("x", List.of(
                row("MA_KHOA", "MA_GIUONG", "DON_GIA_BH"),
                row("K03", "H001", 249000),
                row("K03", "X01", 249000)));

        assertThatThrownBy(() -> catalogues.importFile(CatalogueKind.BED, "bad.xlsx", new ByteArrayInputStream(bad)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::vietnamese).singleElement().asString()
                        .startsWith("Dòng 3, cột MA_GIUONG: mã 'X01' sai định dạng"));
        assertThat(catalogues.versions(CatalogueKind.BED)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM catalogue_entry e JOIN catalogue_version v"
                + " ON v.id = e.version_id WHERE v.kind = 'BED'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM codesystem WHERE id LIKE 'catalogue-bed-%'",
                Integer.class)).isZero();
    }

    @Test
    void previewActivateAndPriceOfTheDay_anOldVisitKeepsItsOldPrice() {
        CatalogueVersion v1 = catalogues.importFile(CatalogueKind.SERVICE, "service.xlsx", sample("service.xlsx"));
        CatalogueDiff first = catalogues.preview(v1.id());
        assertThat(first.againstVersionId()).isNull();
        assertThat(first.added()).hasSize(6);
        catalogues.activate(v1.id(), LocalDate.of(2026, 1, 1));

        CatalogueVersion v2 = catalogues.importFile(CatalogueKind.SERVICE, "service-v2.xlsx",
                new ByteArrayInputStream(servicesVersion2()));
        CatalogueDiff diff = catalogues.preview(v2.id());

        assertThat(diff.againstVersionId()).isEqualTo(v1.id());
        assertThat(diff.added()).extracting(CatalogueEntry::code).containsExactly("18.0002.0001");
        assertThat(diff.removed()).extracting(CatalogueEntry::code).containsExactly("10.0569.0571");
        assertThat(diff.changed()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("18.0068.0028");
            assertThat(c.fields()).containsExactly(new CatalogueDiff.FieldChange("DON_GIA_BH", "65400", "71000"));
        });
        assertThat(diff.unchanged()).isEqualTo(4);

        catalogues.activate(v2.id(), LocalDate.of(2026, 7, 1));

        assertThat(prices.priceOn(CatalogueKind.SERVICE, "18.0068.0028", LocalDate.of(2026, 6, 30)).orElseThrow()
                .bhytPrice()).isEqualByComparingTo("65400");
        assertThat(prices.priceOn(CatalogueKind.SERVICE, "18.0068.0028", LocalDate.of(2026, 7, 1)).orElseThrow())
                .satisfies(p -> {
                    assertThat(p.bhytPrice()).isEqualByComparingTo("71000");
                    assertThat(p.servicePrice()).isEqualByComparingTo("70000");
                    assertThat(p.paymentRatio()).isEqualByComparingTo("100");
                    assertThat(p.versionId()).isEqualTo(v2.id());
                });
        assertThat(prices.priceOn(CatalogueKind.SERVICE, "10.0569.0571", LocalDate.of(2026, 3, 1))).isPresent();
        assertThat(prices.priceOn(CatalogueKind.SERVICE, "10.0569.0571", LocalDate.of(2026, 8, 1))).isEmpty();
        assertThat(prices.priceOn(CatalogueKind.SERVICE, "18.0068.0028", LocalDate.of(2025, 12, 31))).isEmpty();

        assertThat(catalogues.version(v1.id()).orElseThrow().effectiveTo()).isEqualTo(LocalDate.of(2026, 6, 30));
        JsonNode oldCs = resource("CodeSystem", "catalogue-" + v1.id());
        assertThat(oldCs.path("status").asText()).isEqualTo("active");
        assertThat(oldCs.path("extension").get(0).path("valuePeriod").path("end").asText()).isEqualTo("2026-06-30");
        JsonNode oldPrices = resource("ChargeItemDefinition", "catalogue-" + v1.id());
        assertThat(oldPrices.path("effectivePeriod").path("end").asText()).isEqualTo("2026-06-30");
        JsonNode newPrices = resource("ChargeItemDefinition", "catalogue-" + v2.id());
        assertThat(newPrices.path("effectivePeriod").path("start").asText()).isEqualTo("2026-07-01");
        assertThat(newPrices.path("propertyGroup")).hasSize(6);
        assertThat(newPrices.path("propertyGroup").toString())
                .contains("code = '18.0068.0028'").contains("\"value\":71000");
    }

    @Test
    void activation_refusesAnEarlierDateAndASecondActivation() {
        CatalogueVersion v1 = catalogues.importFile(CatalogueKind.DEPARTMENT, "department.xlsx",
                sample("department.xlsx"));
        catalogues.activate(v1.id(), LocalDate.of(2026, 1, 1));
        CatalogueVersion v2 = catalogues.importFile(CatalogueKind.DEPARTMENT, "department.xlsx",
                sample("department.xlsx"));

        assertThatThrownBy(() -> catalogues.activate(v1.id(), LocalDate.of(2026, 2, 1)))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getMessage())
                        .startsWith("VNEMR-2114"));
        assertThatThrownBy(() -> catalogues.activate(v2.id(), LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getMessage())
                        .startsWith("VNEMR-2115"));
        assertThat(catalogues.version(v2.id()).orElseThrow().status()).isEqualTo(CatalogueVersion.Status.PENDING);
        assertThat(catalogues.version(v1.id()).orElseThrow().effectiveTo()).isNull();
    }

    @Test
    void visitTypes_tenCodesNow_sixteenFromAugust2026() {
        CatalogueVersion now = catalogues.importFile(CatalogueKind.VISIT_TYPE, "qd824",
                sample(CatalogueSampleFiles.VISIT_TYPES_824));
        catalogues.activate(now.id(), LocalDate.of(2023, 2, 15));
        CatalogueVersion later = catalogues.importFile(CatalogueKind.VISIT_TYPE, "qd1804",
                sample(CatalogueSampleFiles.VISIT_TYPES_1804));

        CatalogueDiff diff = catalogues.preview(later.id());
        assertThat(diff.added()).extracting(CatalogueEntry::code)
                .containsExactly("11", "12", "13", "14", "15", "16");
        assertThat(diff.changed()).singleElement().satisfies(c -> assertThat(c.fields()).containsExactly(
                new CatalogueDiff.FieldChange("display", "Điều trị nội trú ban ngày", "Điều trị ban ngày")));

        catalogues.activate(later.id(), LocalDate.of(2026, 8, 1));

        assertThat(catalogues.entryOn(CatalogueKind.VISIT_TYPE, "14", LocalDate.of(2026, 7, 31))).isEmpty();
        assertThat(catalogues.entryOn(CatalogueKind.VISIT_TYPE, "14", LocalDate.of(2026, 8, 1))).isPresent();
        assertThat(catalogues.entryOn(CatalogueKind.VISIT_TYPE, "04", LocalDate.of(2026, 7, 31)).orElseThrow()
                .display()).isEqualTo("Điều trị nội trú ban ngày");
        JsonNode cs = resource("CodeSystem", "catalogue-" + later.id());
        assertThat(cs.path("url").asText()).isEqualTo("http://fhir.hl7.org.vn/core/CodeSystem/vn-encounter-type-cs");
        assertThat(cs.path("count").asInt()).isEqualTo(16);
    }

    @Test
    void drugActivation_writesMedicationKnowledge_andRetiresRemovedDrugs() {
        CatalogueVersion v1 = catalogues.importFile(CatalogueKind.DRUG, "drug.xlsx", sample("drug.xlsx"));
        catalogues.activate(v1.id(), LocalDate.of(2026, 1, 1));

        JsonNode insulin = resource("MedicationKnowledge", "drug-40.563");
        assertThat(insulin.path("status").asText()).isEqualTo("active");
        assertThat(insulin.path("code").path("coding").get(0).path("code").asText()).isEqualTo("40.563");
        assertThat(insulin.path("extension").get(0).path("valueIdentifier").path("value").asText())
                .isEqualTo("QLSP-0789-18");
        assertThat(insulin.path("intendedRoute").get(0).path("coding").get(0).path("code").asText()).isEqualTo("2.10");
        JsonNode ingredient = insulin.path("ingredient").get(0);
        assertThat(ingredient.path("itemCodeableConcept").path("text").asText()).isEqualTo("Insulin glargine");
        assertThat(ingredient.path("strength").path("numerator").path("value").decimalValue())
                .isEqualByComparingTo("100");
        assertThat(ingredient.path("strength").path("denominator").path("unit").asText()).isEqualTo("ml");
        assertThat(insulin.path("cost").get(0).path("cost").path("value").decimalValue())
                .isEqualByComparingTo("215000.5");
        assertThat(prices.priceOn(CatalogueKind.DRUG, "40.563", LocalDate.of(2026, 2, 1)).orElseThrow().paymentRatio())
                .isEqualByComparingTo("50");

        List<List<Object>> rows = new ArrayList<>(CatalogueSampleFiles.drugRows());
        rows.removeIf(r -> r.size() > 1 && "40.336".equals(r.get(1)));
        CatalogueVersion v2 = catalogues.importFile(CatalogueKind.DRUG, "drug-v2.xlsx",
                new ByteArrayInputStream(XlsxFiles.workbook("Thuoc", rows)));
        catalogues.activate(v2.id(), LocalDate.of(2026, 4, 1));

        assertThat(resource("MedicationKnowledge", "drug-40.336").path("status").asText()).isEqualTo("inactive");
        assertThat(resources.read("MedicationKnowledge", "drug-40.563").orElseThrow().versionId()).isEqualTo(1);
    }
}
