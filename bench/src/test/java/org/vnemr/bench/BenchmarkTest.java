package org.vnemr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

    @Test
    void typeAndId_readsRelativeAndAbsoluteLocations() {
        assertThat(Benchmark.typeAndId("Patient/123/_history/1")).containsExactly("Patient", "123");
        assertThat(Benchmark.typeAndId("http://localhost:8080/fhir/Observation/abc/_history/2"))
                .containsExactly("Observation", "abc");
        assertThat(Benchmark.typeAndId("Encounter/e1")).containsExactly("Encounter", "e1");
        assertThat(Benchmark.typeAndId("")).isNull();
    }

    @Test
    void fromResponse_keepsServerPatientIdAndAtMostFiveObservationIds() throws Exception {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"entry\":[");
        json.append("{\"response\":{\"location\":\"Patient/p1/_history/1\"}}");
        for (int i = 0; i < 12; i++) {
            json.append(",{\"response\":{\"location\":\"Observation/o").append(i).append("/_history/1\"}}");
        }
        json.append("]}");
        LoadedPatient generated = new LoadedPatient(null, List.of(), "001090123456", "nguyen van an", "nguyen",
                LocalDate.of(1990, 1, 1), "male");

        LoadedPatient loaded = Benchmark.fromResponse(generated, json.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(loaded.id()).isEqualTo("p1");
        assertThat(loaded.observationIds()).hasSize(5).allMatch(id -> id.startsWith("o"));
        assertThat(loaded.cccd()).isEqualTo("001090123456");
    }

    @Test
    void nextLink_isTheUrlOfTheNextRelation() throws Exception {
        var bundle = new ObjectMapper().readTree(
                "{\"link\":[{\"relation\":\"self\",\"url\":\"a\"},{\"relation\":\"next\",\"url\":\"b\"}]}");
        assertThat(Benchmark.nextLink(bundle)).isEqualTo("b");
        assertThat(Benchmark.nextLink(new ObjectMapper().readTree("{}"))).isNull();
    }

    @Test
    void readVmRssKb_readsTheResidentSetLineOfProcStatus(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n");
        assertThat(Benchmark.readVmRssKb(status)).isEqualTo(123456L);
    }

    @Test
    void parseArgs_readsOptionsAndDefaultsTheRest() {
        BenchmarkOptions o = Benchmark.parseArgs(new String[] {
                "--base-url", "http://h:9/fhir", "--patients", "7", "--concurrency", "2", "--iterations", "50",
                "--work-dir", "/tmp/x", "--server-pid", "99"});
        assertThat(o.baseUrl()).isEqualTo(URI.create("http://h:9/fhir"));
        assertThat(o.patients()).isEqualTo(7);
        assertThat(o.concurrency()).isEqualTo(2);
        assertThat(o.iterations()).isEqualTo(50);
        assertThat(o.warmupIterations()).isEqualTo(20);
        assertThat(o.serverPid()).isEqualTo(99L);
        assertThat(o.reportFile()).isEqualTo(Path.of("/tmp/x", "bench-report.json"));
        assertThat(Benchmark.parseArgs(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> Benchmark.parseArgs(new String[] {"--nope", "1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaults_useFourClients() {
        assertThat(BenchmarkOptions.defaults(URI.create("http://localhost:8080/fhir")).concurrency()).isEqualTo(4);
    }
}
