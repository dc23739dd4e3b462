package org.vnemr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run against a tiny in-process stand-in for a FHIR server (no database, no Spring). */
class BenchmarkRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> gets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void run_loadsPatients_timesBulkImport_andMeasuresEveryQuery(@TempDir Path dir) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        List<Path> imported = new ArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BenchmarkOptions options = BenchmarkOptions.defaults(base)
                .withPatients(3)
                .withConcurrency(2)
                .withWarmupPatients(1)
                .withBulkImport(imported::add, 2)
                .withQueryIterations(2, 5)
                .withWorkDir(dir)
                .withReportFile(dir.resolve("report.json"))
                .withOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

        BenchmarkReport report = Benchmark.run(options);

        assertThat(report.load().patients()).isEqualTo(3);
        assertThat(report.load().failures()).isZero();
        assertThat(report.load().resources()).isGreaterThan(3);
        assertThat(imported).containsExactly(dir.resolve("ndjson"));
        assertThat(dir.resolve("ndjson/Patient.ndjson")).exists();
        assertThat(report.bulkImport().patients()).isEqualTo(2);
        assertThat(report.queries()).hasSize(14).allSatisfy(q -> {
            assertThat(q.errors()).as(q.name() + ": " + q.firstError()).isZero();
            assertThat(q.latency().count()).isEqualTo(5);
        });
        assertThat(gets).anyMatch(g -> g.contains("page=2"));
        assertThat(gets).anyMatch(g -> g.startsWith("/fhir/Patient?identifier=http"));
        assertThat(gets).anyMatch(g -> g.matches("/fhir/Patient\\?name=[a-z]+%20[a-z]+%20[a-z]+"));
        JsonNode written = JSON.readTree(Files.readString(dir.resolve("report.json")));
        assertThat(written.path("queries")).hasSize(14);
        assertThat(written.path("load").path("resourcesPerSecond").asDouble()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("p95 ms", "Condition?code=I10&_count=20");
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] answer;
        if (exchange.getRequestMethod().equals("POST")) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ObjectNode response = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction-response");
            ArrayNode entries = response.putArray("entry");
            for (JsonNode entry : request.path("entry")) {
                String type = entry.path("resource").path("resourceType").asText();
                entries.addObject().putObject("response").put("status", "201 Created")
                        .put("location", type + "/" + ids.incrementAndGet() + "/_history/1");
            }
            answer = JSON.writeValueAsBytes(response);
        } else {
            String uri = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            synchronized (gets) {
                gets.add(uri);
            }
            ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
            bundle.putArray("link").addObject().put("relation", "next")
                    .put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/Observation?page=2");
            bundle.putArray("entry").addObject().putObject("resource").put("resourceType", "Observation");
            answer = uri.matches("/fhir/\\w+/[^?]+") ? "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(bundle);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
