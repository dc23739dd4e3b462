package org.vnemr.fhir.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error code has both languages, sits in its module's range and is listed in docs/errors.md. */
class ErrorCatalogTest {

    @Test
    void everyCode_hasVietnameseAndEnglish() {
        assertThat(Messages.allVietnamese().keySet()).isEqualTo(Messages.allEnglish().keySet());
        Messages.allVietnamese().forEach((code, text) -> assertThat(text).as(code).isNotBlank());
    }

    @Test
    void everyCode_isWellFormedAndUnique() {
        // Messages refuses to load a code defined twice; here the form of each code
        for (String code : Messages.allVietnamese().keySet()) {
            assertThat(code).matches("VNEMR-[1-8]\\d{3}");
        }
    }

    @Test
    void everyCode_isDocumented() throws IOException {
        Path doc = Path.of("..", "docs", "errors.md");
        String text = Files.readString(doc);
        for (Map.Entry<String, String> e : Messages.allVietnamese().entrySet()) {
            assertThat(text).as("docs/errors.md lists " + e.getKey()).contains(e.getKey());
        }
    }

    @Test
    void formatting_fillsArgumentsInBothLanguages() {
        assertThat(Messages.vi("VNEMR-1001", "Patient", "123")).isEqualTo("Không tìm thấy tài nguyên Patient/123.");
        assertThat(Messages.en("VNEMR-1001", "Patient", "123")).isEqualTo("Resource Patient/123 not found.");
    }
}
