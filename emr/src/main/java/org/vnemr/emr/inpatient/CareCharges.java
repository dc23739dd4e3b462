package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.WriteRefused;

import java.util.List;

/**
 * Charges for what happened on the ward, without ever blocking the record of care: a nurse must be able to record
 * the drug she gave and a patient must be moved to another bed even when the catalogue lacks a price for the drug or
 * the bed. Then the care is recorded without that charge and the log says which code needs a price; the bill shows
 * what was charged, and the insurance validator refuses a dossier whose lines do not add up.
 */
final class CareCharges {

    private static final Logger LOG = LoggerFactory.getLogger(CareCharges.class);

    private CareCharges() {
    }

    static List<ChargeItem> forCare(ObjectProvider<ChargeCapture> charges, Encounter stay,
                                    List<ChargeCapture.Billable> billables) {
        ChargeCapture capture = charges.getIfAvailable();
        if (capture == null || billables.isEmpty()) {
            return List.of();
        }
        try {
            return capture.chargesFor(stay, billables);
        } catch (WriteRefused unpriced) {
            LOG.warn("VNEMR-6339: care on Encounter/{} recorded without its charge: {}", stay.getIdPart(),
                    unpriced.problems().isEmpty() ? unpriced.getMessage() : unpriced.problems().get(0).english());
            return List.of();
        }
    }
}
