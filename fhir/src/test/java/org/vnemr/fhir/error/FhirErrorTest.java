package org.vnemr.fhir.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP status of each numbered error is the one the caller asked for. */
class FhirErrorTest {

    @Test
    void eachStatus_becomesAnExceptionOfThatStatus() {
        for (int status : new int[] {400, 404, 409, 410, 412, 413, 422, 500, 501}) {
            assertThat(FhirError.build(status, "VNEMR-1000", "ref").getStatusCode()).as("status " + status)
                    .isEqualTo(status);
        }
    }

    @Test
    void internalError_carriesTheCodeInItsOutcome() {
        var ex = FhirError.build(500, "VNEMR-1000", "abc123");
        assertThat(ex.getOperationOutcome()).isNotNull();
        assertThat(((org.hl7.fhir.r4.model.OperationOutcome) ex.getOperationOutcome()).getIssueFirstRep()
                .getDetails().getCodingFirstRep().getCode()).isEqualTo("VNEMR-1000");
    }
}
