package org.vnemr.vncore;

import org.junit.jupiter.api.Test;
import org.vnemr.fhir.error.Messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The module's error codes: in its range, in both languages, and every code the code uses is defined. */
class VnCoreMessagesTest {

    private static final Pattern CODE = Pattern.compile("\"(VNEMR-3\\d{3})\"");

    @Test
    void moduleCodes_areInRangeAndHaveBothLanguages() {
        Set<String> codes = new TreeSet<>(Messages.allVietnamese().keySet());
        codes.removeIf(c -> !c.startsWith("VNEMR-30"));

        assertThat(codes).isNotEmpty().allMatch(c -> c.matches("VNEMR-30\\d{2}"));
        for (String code : codes) {
            assertThat(Messages.allEnglish()).as(code).containsKey(code);
        }
    }

    @Test
    void everyCodeUsedInTheSources_isDefined() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(Messages.allVietnamese().keySet()).containsAll(used);
    }

    @Test
    void vietnameseMessages_keepTheirDiacritics() {
        assertThat(Messages.vi("VNEMR-3001", "0123", "4")).isEqualTo(
                "Số CCCD \"0123\" phải gồm đúng 12 chữ số (đang có 4 ký tự).");
    }
}
