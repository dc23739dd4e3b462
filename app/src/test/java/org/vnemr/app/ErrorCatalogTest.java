package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.vnemr.fhir.error.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error codes of every module, seen together as the running product sees them: each in both languages, in its
 * module's range, and listed in docs/errors.md.
 */
class ErrorCatalogTest {

    /** Message file → the thousand its codes must be in (Messages' javadoc gives the ranges). */
    static final Map<String, Integer> RANGES = Map.ofEntries(
            Map.entry("fhir", 1), Map.entry("fhir-validation", 1), Map.entry("fhir-search", 1),
            Map.entry("fhir-index", 1), Map.entry("fhir-bulk", 1),
            Map.entry("terminology", 2), Map.entry("terminology-catalogue", 2),
            Map.entry("vn-core", 3), Map.entry("vn-core-matching", 3),
            Map.entry("signing", 4), Map.entry("signing-document", 4),
            Map.entry("platform", 5), Map.entry("platform-security", 5),
            Map.entry("emr", 6), Map.entry("emr-registration", 6), Map.entry("emr-outpatient", 6),
            Map.entry("emr-inpatient", 6), Map.entry("emr-charges", 6), Map.entry("emr-printing", 6),
            Map.entry("emr-demo", 6), Map.entry("emr-prescription", 6), Map.entry("bhyt", 7), Map.entry("bhyt-gateway", 7), Map.entry("hub", 8));

    @Test
    void everyModulesCodes_haveBothLanguages() {
        assertThat(Messages.allVietnamese().keySet()).isEqualTo(Messages.allEnglish().keySet());
        Messages.allVietnamese().forEach((code, text) -> assertThat(text).as(code).isNotBlank());
        Messages.allEnglish().forEach((code, text) -> assertThat(text).as(code).isNotBlank());
    }

    @Test
    void everyCode_sitsInItsModulesRange() throws IOException {
        for (Map.Entry<String, Integer> file : RANGES.entrySet()) {
            for (String language : new String[] {"vi", "en"}) {
                String name = "messages/errors-" + file.getKey() + "_" + language + ".properties";
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        continue;
                    }
                    Properties codes = new Properties();
                    codes.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                    for (String code : codes.stringPropertyNames()) {
                        assertThat(code).as(name).matches("VNEMR-" + file.getValue() + "\\d{3}");
                    }
                }
            }
        }
    }

    @Test
    void everyCode_isListedInTheErrorCatalogue() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "errors.md"));
        for (String code : Messages.allVietnamese().keySet()) {
            assertThat(doc).as("docs/errors.md lists " + code).contains("| " + code + " ");
        }
    }
}
