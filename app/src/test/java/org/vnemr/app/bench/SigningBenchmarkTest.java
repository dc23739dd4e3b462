package org.vnemr.app.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SigningBenchmarkTest {

    @Test
    void envelope_isAboutTheRequestedSize() {
        int size = SigningBenchmark.insuranceEnvelope(20 * 1024).length;
        assertThat(size).isBetween(20 * 1024, 21 * 1024);
    }

    @Test
    void run_printsXmlAndPadesSignaturesPerSecond() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(SigningBenchmark.run(new String[] {"--seconds=1"})).isZero();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).containsPattern("XML-DSig sign +1 thread +\\d+\\.\\d /s")
                .containsPattern("XML-DSig sign +2 threads +\\d+\\.\\d /s")
                .containsPattern("XML-DSig verify +1 thread +\\d+\\.\\d /s")
                .containsPattern("PAdES B-B sign +1 thread +\\d+\\.\\d /s")
                .containsPattern("PAdES verify +2 threads +\\d+\\.\\d /s");
        assertThat(output).doesNotContain(" 0.0 /s");
    }
}
