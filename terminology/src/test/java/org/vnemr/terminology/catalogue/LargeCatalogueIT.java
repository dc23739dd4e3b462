package org.vnemr.terminology.catalogue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.terminology.catalogue.XlsxFiles.row;

/** A catalogue of realistic size through import, preview and activation (prints the times; asserts the result). */
class LargeCatalogueIT {

    static FhirTestServer server;
    static Catalogues catalogues;
    static CataloguePrices prices;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(CatalogueConfiguration.class));
        catalogues = server.bean(Catalogues.class);
        prices = server.bean(CataloguePrices.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void largeDrugCatalogue_importsPreviewsAndActivates() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("MA_THUOC", "TEN_THUOC", "TEN_HOAT_CHAT", "HAM_LUONG", "DUONG_DUNG", "DON_VI_TINH", "SO_DANG_KY",
                "DON_GIA_BH", "TYLE_TT_BH"));
        for (int i = 0; i < 5_000; i++) {
            rows.add(row("L" + i, "Thuốc mẫu " + i, "Hoạt chất " + (i % 400), (i % 50 + 1) * 10 + "mg", "1.01",
                    "Viên", "VD-" + i + "-26", 100 + i, 100));
        }
        byte[] file = XlsxFiles.workbook("Thuoc", rows);

        long started = System.nanoTime();
        CatalogueVersion version = catalogues.importFile(CatalogueKind.DRUG, "large.xlsx", new ByteArrayInputStream(file));
        long imported = System.nanoTime();
        CatalogueDiff diff = catalogues.preview(version.id());
        long previewed = System.nanoTime();
        catalogues.activate(version.id(), LocalDate.of(2027, 1, 1));
        long activated = System.nanoTime();
        System.out.printf("5000 drugs: import %d ms, preview %d ms, activation %d ms%n",
                (imported - started) / 1_000_000, (previewed - imported) / 1_000_000,
                (activated - previewed) / 1_000_000);

        assertThat(version.entryCount()).isEqualTo(5_000);
        assertThat(diff.added()).hasSize(5_000);
        assertThat(prices.priceOn(CatalogueKind.DRUG, "L4999", LocalDate.of(2027, 1, 1)).orElseThrow().bhytPrice())
                .isEqualByComparingTo("5099");
    }
}
