package org.vnemr.bench.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonWriterTest {

    @Test
    void writesOneFilePerType_withOneResourcePerLine_andClientIds(@TempDir Path dir) throws Exception {
        SyntheticPatient p = new PatientGenerator(5).generate(0);
        try (NdjsonWriter writer = new NdjsonWriter(dir)) {
            writer.write(p);
            assertThat(writer.total()).isEqualTo(p.resources().size());
        }
        List<String> patients = Files.readAllLines(dir.resolve("Patient.ndjson"));
        assertThat(patients).hasSize(1);
        assertThat(patients.get(0)).contains("\"id\":\"" + p.id() + "\"");
        List<String> observations = Files.readAllLines(dir.resolve("Observation.ndjson"));
        assertThat(observations).hasSize(p.ofType("Observation").size())
                .allMatch(line -> line.contains("\"reference\":\"Patient/" + p.id() + "\""));
    }

    @Test
    void sameSeed_writesIdenticalFiles(@TempDir Path dir) throws Exception {
        for (String run : List.of("a", "b")) {
            try (NdjsonWriter writer = new NdjsonWriter(dir.resolve(run))) {
                new PatientGenerator(5).stream(3).forEach(p -> {
                    try {
                        writer.write(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        for (String file : List.of("Patient.ndjson", "Observation.ndjson", "MedicationRequest.ndjson")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
    }
}
