package org.vnemr.bhyt.xml130;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.vnemr.bhyt.xml130.model.Xml130Models;
import org.vnemr.bhyt.xml130.spec.FieldSpec;
import org.vnemr.bhyt.xml130.spec.TableSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;

import java.io.File;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedModelsMatchFieldTablesTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyTableOfTheStandardIsLoadedWithTheFieldCountsOf3176() {
        Xml130Spec spec = Xml130Spec.get();
        int[] expected = {26, 66, 39, 47, 12, 9, 47, 26, 22, 35, 13, 23, 35, 39, 22, 20};
        for (int i = 0; i <= 15; i++) {
            assertThat(spec.table("XML" + i).fields()).as("XML" + i).hasSize(expected[i]);
        }
    }

    @Test
    void eachGeneratedRecordHasTheTagsOrderAndTypesOfItsFieldTable() throws Exception {
        for (TableSpec table : Xml130Spec.get().tables()) {
            Class<?> type = Class.forName("org.vnemr.bhyt.xml130.model." + table.javaName());
            RecordComponent[] components = type.getRecordComponents();
            assertThat(components).as(table.name()).hasSize(table.fields().size());
            for (int i = 0; i < components.length; i++) {
                FieldSpec field = table.fields().get(i);
                assertThat(components[i].getName()).as(table.name() + " #" + (i + 1)).isEqualTo(camel(field.tag()));
                Class<?> expected = field.kind() == FieldSpec.Kind.STRING ? String.class
                        : field.decimals() != null ? BigDecimal.class
                        : field.maxSize() != null && field.maxSize() >= 10 ? Long.class : Integer.class;
                assertThat(components[i].getType()).as(table.name() + "." + field.tag()).isEqualTo(expected);
            }
            assertThat(Xml130Models.TAGS.get(table.name())).isEqualTo(table.tags());
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) type.getField("TAGS").get(null);
            assertThat(tags).isEqualTo(table.tags());
        }
    }

    static boolean pythonAvailable() {
        return new File("/usr/bin/python3").canExecute();
    }

    @Test
    @EnabledIf("pythonAvailable")
    void theGeneratorWouldWriteExactlyTheCommittedCode() throws Exception {
        Process process = new ProcessBuilder("python3", "scripts/generate-xml130-models.py", "--check")
                .directory(REPO.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.exists(REPO.resolve("bhyt/src/main/java/org/vnemr/bhyt/xml130/model/Xml1TongHop.java"))).isTrue();
    }

    static String camel(String tag) {
        String[] parts = tag.toLowerCase().split("_");
        StringBuilder out = new StringBuilder(parts[0]);
        Arrays.stream(parts).skip(1).forEach(p -> out.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1)));
        return out.toString();
    }
}
