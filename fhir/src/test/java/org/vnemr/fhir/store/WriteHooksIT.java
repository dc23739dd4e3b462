package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.testing.FhirTestServer.Response;
import org.vnemr.fhir.validation.ProfileValidator;
import org.vnemr.fhir.validation.ValidationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks modules above {@code fhir} plug into the write path: a profile validator that looks at the resources a
 * resource refers to (in the same Bundle or in the store), a write guard that freezes resources, and a write
 * listener that learns what was stored inside the transaction — and can veto it.
 */
class WriteHooksIT {

    static FhirTestServer server;

    /** A rule in the shape of "this diagnosis is for women only", which needs the Condition's Patient. */
    static final class WomenOnlyCode implements ProfileValidator {
        @Override
        public List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource,
                                                                              ValidationContext context) {
            List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
            if (!"Condition".equals(resource.path("resourceType").asText())
                    || !"O80".equals(resource.path("code").path("coding").path(0).path("code").asText())) {
                return issues;
            }
            String subject = resource.path("subject").path("reference").asText();
            String gender = context.resolve(subject).map(p -> p.path("gender").asText()).orElse("unresolved");
            if (!"female".equals(gender)) {
                issues.add(new OperationOutcome.OperationOutcomeIssueComponent()
                        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.BUSINESSRULE)
                        .setDiagnostics("O80 needs a female patient, subject is " + gender));
            }
            return issues;
        }
    }

    /** Freezes every Patient whose id starts with "frozen-". */
    static final class FrozenPatients implements WriteGuard {
        @Override
        public void check(Change change) {
            if (change.type().equals("Patient") && change.id().startsWith("frozen-")) {
                throw FhirError.conflict("VNEMR-1025", "Patient/" + change.id());
            }
        }
    }

    /** Records what each request stored; refuses (throws) when a Basic resource says "veto". */
    static final class Recorder implements WriteListener {
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void written(List<StoredResource> versions) {
            for (StoredResource version : versions) {
                if (version.json() != null && version.json().contains("\"veto\"")) {
                    throw FhirError.conflict("VNEMR-1025", version.typeAndId());
                }
                seen.add(version.typeAndId() + "/" + version.versionId());
            }
        }
    }

    static final Recorder RECORDER = new Recorder();

    @Configuration(proxyBeanMethods = false)
    static class Hooks {
        @Bean
        WriteListener recorder() {
            return RECORDER;
        }

        @Bean
        ProfileValidator womenOnlyCode() {
            return new WomenOnlyCode();
        }

        @Bean
        WriteGuard frozenPatients() {
            return new FrozenPatients();
        }
    }

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(Hooks.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String transaction(String gender) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:8f1c2a4e-0000-4000-8000-000000000001",
                  "resource":{"resourceType":"Patient","gender":"%s"},"request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:8f1c2a4e-0000-4000-8000-000000000001"},
                  "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"O80"}]}},
                  "request":{"method":"POST","url":"Condition"}}]}""".formatted(gender);
    }

    @Test
    void profileValidator_seesAPatientWrittenInTheSameTransaction() {
        assertThat(server.post("", transaction("female")).status()).isEqualTo(200);
        Response refused = server.post("", transaction("male"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("subject is male");
    }

    @Test
    void profileValidator_seesAPatientAlreadyInTheStore() {
        Response patient = server.put("Patient/p-male", "{\"resourceType\":\"Patient\",\"id\":\"p-male\",\"gender\":\"male\"}");
        assertThat(patient.status()).isIn(200, 201);
        Response refused = server.post("Condition", "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p-male\"},"
                + "\"code\":{\"coding\":[{\"code\":\"O80\"}]}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("subject is male");
    }

    @Test
    void writeGuard_refusesUpdateAndDeleteOfAFrozenResource_andLeavesItUnchanged() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"frozen-1\",\"gender\":\"female\"}";
        assertThat(server.put("Patient/frozen-1", body).status()).isEqualTo(201); // creating is not guarded
        assertThat(server.put("Patient/frozen-1", body.replace("female", "male")).status()).isEqualTo(409);
        assertThat(server.send("DELETE", "Patient/frozen-1", null, Map.of()).status()).isEqualTo(409);
        Response read = server.get("Patient/frozen-1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("\"female\"").contains("\"versionId\":\"1\"");
    }

    @Test
    void writeGuard_letsOtherResourcesChange() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"open-1\",\"gender\":\"female\"}";
        assertThat(server.put("Patient/open-1", body).status()).isEqualTo(201);
        assertThat(server.put("Patient/open-1", body.replace("female", "male")).status()).isEqualTo(200);
    }

    @Test
    void aWriteListener_hearsEveryVersionOfATransactionInOrder() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Basic","id":"listen-1","code":{"text":"one"}},
                  "request":{"method":"PUT","url":"Basic/listen-1"}},
                 {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Basic","id":"listen-2","code":{"text":"two"}},
                  "request":{"method":"PUT","url":"Basic/listen-2"}}]}""";
        Response answer = server.post("", bundle);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(RECORDER.seen).containsSubsequence("Basic/listen-1/1", "Basic/listen-2/1");
    }

    @Test
    void aWriteListenerThatRefuses_rollsTheWholeRequestBack() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"resource":{"resourceType":"Basic","id":"veto-1","code":{"text":"kept?"}},"request":{"method":"PUT","url":"Basic/veto-1"}},
                 {"resource":{"resourceType":"Basic","id":"veto-2","code":{"text":"veto"}},"request":{"method":"PUT","url":"Basic/veto-2"}}]}""";
        Response answer = server.post("", bundle);
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(server.get("Basic/veto-1").status()).isEqualTo(404);
    }
}
