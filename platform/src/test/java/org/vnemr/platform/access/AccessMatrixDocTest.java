package org.vnemr.platform.access;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/security/access-matrix.md is the matrix of the code; rewrite it with -Dvnemr.docs.update=true. */
class AccessMatrixDocTest {

    private static final Path DOC = Path.of("..", "docs", "security", "access-matrix.md");

    @Test
    void accessMatrixPage_matchesTheCode() throws Exception {
        String generated = AccessMatrixDoc.markdown();
        if (Boolean.getBoolean("vnemr.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as("docs/security/access-matrix.md exists").isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/security/access-matrix.md is out of date: run AccessMatrixDocTest with -Dvnemr.docs.update=true")
                .isEqualTo(generated);
        for (Role role : Role.values()) {
            assertThat(generated).contains("| " + role.code() + " |");
        }
    }
}
