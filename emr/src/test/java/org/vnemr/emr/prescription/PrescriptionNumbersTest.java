package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.vnemr.emr.store.ClinicalStore;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PrescriptionNumbersTest {

    private final ClinicalStore store = mock(ClinicalStore.class);

    @Test
    void theFacilityRecord_givesTheCode_beforeTheProperty() {
        Organization facility = new Organization();
        facility.addIdentifier().setSystem(PrescriptionNumbers.FACILITY_CODE_SYSTEM).setValue("01234");
        when(store.readReference(Organization.class, "facility")).thenReturn(Optional.of(facility));
        PrescriptionNumbers numbers = new PrescriptionNumbers(null, store,
                new MockEnvironment().withProperty("vnemr.facility.code", "79001"));
        assertThat(numbers.facilityCode()).contains("01234");
    }

    @Test
    void withoutAFacilityRecord_thePropertyIsUsed_andAMalformedOneIsIgnored() {
        when(store.readReference(Organization.class, "facility")).thenReturn(Optional.empty());
        assertThat(new PrescriptionNumbers(null, store,
                new MockEnvironment().withProperty("vnemr.facility.code", "79001")).facilityCode()).contains("79001");
        assertThat(new PrescriptionNumbers(null, store,
                new MockEnvironment().withProperty("vnemr.facility.code", "7900")).facilityCode()).isEmpty();
        assertThat(new PrescriptionNumbers(null, store, new MockEnvironment()).facilityCode()).isEmpty();
    }
}
