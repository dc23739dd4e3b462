package org.vnemr.fhir.store;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {

    @Test
    void field_escapesBackslashTabAndLineBreaksAndWritesNullAsBackslashN() {
        StringBuilder out = new StringBuilder();
        CopyText.field(out, "a\\b\tc\nd\re", true);
        CopyText.field(out, null, false);
        assertThat(out.toString()).isEqualTo("a\\\\b\\tc\\nd\\re\t\\N");
    }

    @Test
    void value_quotesArrayElementsAndEscapesTheirQuotesAndBackslashes() {
        StringBuilder out = new StringBuilder();
        CopyText.value(out, "text[]", new String[] {"http://loinc.org|8867-4", "say \"hi\"", "back\\slash", "Nguyễn"});
        assertThat(out.toString())
                .isEqualTo("\t{\"http://loinc.org|8867-4\",\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\",\"Nguyễn\"}");
    }

    @Test
    void value_writesNumbersPlainAndInstantsInIso() {
        StringBuilder out = new StringBuilder();
        CopyText.value(out, "numeric[]", new BigDecimal[] {new BigDecimal("1E+3"), new BigDecimal("72.50")});
        CopyText.value(out, "timestamptz", Instant.parse("2026-01-02T03:04:05Z"));
        CopyText.value(out, "text", null);
        assertThat(out.toString()).isEqualTo("\t{1000,72.50}\t2026-01-02T03:04:05Z\t\\N");
    }
}
