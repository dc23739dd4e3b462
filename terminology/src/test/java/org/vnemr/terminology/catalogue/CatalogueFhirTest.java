package org.vnemr.terminology.catalogue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of the FHIR mapping that are pure functions. */
class CatalogueFhirTest {

    @Test
    void strength_asRatio_forAmountAndConcentration_notForPercent() {
        assertThat(CatalogueFhir.strengthRatio("500mg").toString())
                .isEqualTo("{\"numerator\":{\"value\":500,\"unit\":\"mg\"},\"denominator\":{\"value\":1}}");
        assertThat(CatalogueFhir.strengthRatio("1g/100ml").toString())
                .isEqualTo("{\"numerator\":{\"value\":1,\"unit\":\"g\"},\"denominator\":{\"value\":100,\"unit\":\"ml\"}}");
        assertThat(CatalogueFhir.strengthRatio("100UI/ml").path("denominator").path("value").asInt()).isEqualTo(1);
        assertThat(CatalogueFhir.strengthRatio("0.9%")).isNull();
        assertThat(CatalogueFhir.strengthRatio("Amoxicilin 250mg + Acid clavulanic 31,25mg")).isNull();
    }

    @Test
    void drugId_keepsSafeCodes_andDigestsOthers() {
        assertThat(CatalogueFhir.drugId("40.17")).isEqualTo("drug-40.17");
        assertThat(CatalogueFhir.drugId("TH/01+Đ")).matches("drug-h[0-9a-f]{32}")
                .isNotEqualTo(CatalogueFhir.drugId("TH/01+D"));
    }

    @Test
    void cellReference_columnFromLetters() {
        assertThat(XlsxRows.columnOf("A1")).isZero();
        assertThat(XlsxRows.columnOf("Z9")).isEqualTo(25);
        assertThat(XlsxRows.columnOf("AB12")).isEqualTo(27);
    }
}
