package org.vnemr.terminology.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.TerminologySource;
import org.vnemr.terminology.codesystem.CodeSystemBuilder;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader over a real server and database with one small source: stored once, not again on the next start
 * while the version is the same, again when it changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminologyLoaderIT {

    private static final String URL = "https://vnemr.org/fhir/CodeSystem/test-triage";
    private static FhirTestServer server;

    /** A source whose version and display a test can change, counting how often it is read. */
    static final class TriageSource implements TerminologySource {

        final AtomicInteger reads = new AtomicInteger();
        volatile String version = "v1";
        volatile String redDisplay = "Cấp cứu";

        @Override
        public String name() {
            return "test-triage";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<ObjectNode> resources() {
            reads.incrementAndGet();
            CodeSystemBuilder b = new CodeSystemBuilder("test-triage", URL, version, "TestTriage", "Phân loại cấp cứu",
                    "https://vnemr.org/fhir/ValueSet/test-triage-all");
            b.property("parent", "code", "cha");
            b.concept("red", redDisplay);
            CodeSystemBuilder.codeProperty(b.concept("red-1", "Ngừng tuần hoàn"), "parent", "red");
            if ("v1".equals(version)) {
                b.concept("green", "Không cấp cứu");
            }
            return b.build("test-triage-all");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Sources {
        @Bean
        TriageSource triageSource() {
            return new TriageSource();
        }
    }

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(TerminologyConfiguration.class, Sources.class),
                "--vnemr.terminology.builtin-sources=false");
        server.bean(TerminologyIndex.class).awaitReady();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TerminologyLoader.Report restart() {
        // a restart: a new loader and index over the same database and sources
        TerminologyIndex index = new TerminologyIndex(Map.of(), Duration.ofSeconds(30));
        TerminologyLoader loader = new TerminologyLoader(List.of(server.bean(TriageSource.class)),
                server.bean(WriteService.class), server.bean(ConceptTable.class),
                server.bean(TransactionTemplate.class), index);
        TerminologyLoader.Report report = loader.loadAll();
        assertThat(index.system(URL)).isPresent();
        return report;
    }

    @Test
    @Order(1)
    void firstStart_storesTheResources_andRecordsTheVersion() {
        TriageSource source = server.bean(TriageSource.class);
        assertThat(source.reads.get()).isEqualTo(1);
        FhirTestServer.Response search = server.get("CodeSystem?url=" + URL);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("\"id\":\"test-triage\"").contains("Cấp cứu");
        assertThat(server.get("ValueSet/test-triage-all").status()).isEqualTo(200);
        assertThat(server.bean(ConceptTable.class).loadedVersions()).containsEntry("test-triage", "v1");
        assertThat(server.get("CodeSystem/$lookup?system=" + URL + "&code=red-1").body())
                .contains("Ngừng tuần hoàn").contains("\"valueCode\":\"red\"");
    }

    @Test
    @Order(2)
    void nextStart_withTheSameVersion_doesNotReload() {
        TerminologyLoader.Report report = restart();
        assertThat(report.loaded()).isEmpty();
        assertThat(report.unchanged()).containsExactly("test-triage");
        assertThat(server.bean(TriageSource.class).reads.get()).isEqualTo(1);
        assertThat(FhirJson.parseResource(server.get("CodeSystem/test-triage").body()).at("/meta/versionId").asText())
                .isEqualTo("1");
    }

    @Test
    @Order(3)
    void changedVersion_reloadsAndReplacesTheConcepts() {
        TriageSource source = server.bean(TriageSource.class);
        source.version = "v2";
        source.redDisplay = "Cấp cứu ngay";
        TerminologyLoader.Report report = restart();
        assertThat(report.loaded()).containsExactly("test-triage");
        assertThat(source.reads.get()).isEqualTo(2);
        ObjectNode stored = FhirJson.parseResource(server.get("CodeSystem/test-triage").body());
        assertThat(stored.at("/meta/versionId").asText()).isEqualTo("2");
        assertThat(server.bean(ConceptTable.class).loadedVersions()).containsEntry("test-triage", "v2");
        Integer green = server.bean(ConceptTable.class).jdbc().queryForObject(
                "SELECT count(*) FROM terminology_concept WHERE system = ? AND code = 'green'", Integer.class, URL);
        assertThat(green).isZero();
        assertThat(restart().loaded()).isEmpty();
    }
}
