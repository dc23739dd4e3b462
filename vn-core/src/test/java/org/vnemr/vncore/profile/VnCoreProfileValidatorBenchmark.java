package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.validation.ValidationContext;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.codes.VnCoreCodeSystems;

/**
 * Micro-benchmark of the VN Core rules on the IG-style Patient (CCCD, two BHYT numbers, ethnicity, religion,
 * province/ward address), single thread, warm; prints µs per resource. No assertions: run it by hand
 * ({@code java -cp <test classpath> org.vnemr.vncore.profile.VnCoreProfileValidatorBenchmark}).
 */
public final class VnCoreProfileValidatorBenchmark {

    private VnCoreProfileValidatorBenchmark() {
    }

    public static void main(String[] args) {
        VnCoreProfileValidator validator = new VnCoreProfileValidator(AdministrativeUnits.bundled(),
                new VnCoreCodeSystems(), new SexRestrictedDiagnoses(), false);
        ObjectNode patient = VnCoreProfileValidatorTest.igStylePatient();
        int sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += validator.validate(patient, ValidationContext.NONE).size();
        }
        int rounds = 500_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += validator.validate(patient, ValidationContext.NONE).size();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("VN Core rules, IG-style Patient: %.2f µs per resource (%d findings)%n", micros, sink);
    }
}
