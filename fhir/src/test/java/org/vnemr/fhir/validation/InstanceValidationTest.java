package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow (the first validation loads the R4 definitions): one shared instance for all tests. */
class InstanceValidationTest {

    private static final InstanceValidation VALIDATION = new InstanceValidation(FhirContext.forR4Cached());

    @Test
    void validate_invalidCodeInJsonIsAnError() {
        OperationOutcome outcome = VALIDATION.validate("{\"resourceType\":\"Patient\",\"gender\":\"nam\"}");
        assertThat(InstanceValidation.hasErrors(outcome)).isTrue();
        assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getExpression().toString())
                .contains("Patient.gender"));
    }

    @Test
    void validate_validPatientHasNoErrors() {
        Patient patient = new Patient().setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addName().setFamily("Nguyễn").addGiven("Thị Lan");
        patient.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Nguyễn Thị Lan</div>");
        assertThat(InstanceValidation.hasErrors(VALIDATION.validate(patient))).isFalse();
    }

    @Test
    void validate_unparseableJsonIsReportedNotThrown() {
        OperationOutcome outcome = VALIDATION.validate("{\"resourceType\":\"Patient\",");
        assertThat(InstanceValidation.hasErrors(outcome)).isTrue();
    }

    @Test
    void validate_isSafeFromSeveralThreadsAndBuildsOnce() throws Exception {
        InstanceValidation shared = new InstanceValidation(FhirContext.forR4Cached(), List.<IValidationSupport>of());
        assertThat(shared.isReady()).isFalse();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<OperationOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> shared.validate("{\"resourceType\":\"Patient\",\"active\":true}")));
            }
            for (Future<OperationOutcome> result : results) {
                assertThat(InstanceValidation.hasErrors(result.get())).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.isReady()).isTrue();
    }
}
