package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;

import java.util.Optional;

/**
 * Cấp mã đơn thuốc: the facility's mã CSKCB (the {@code Organization/facility} identifier, or the
 * {@code vnemr.facility.code} property on a node not yet set up) and the next number of the prescription sequence.
 */
@Component
public class PrescriptionNumbers {

    static final String FACILITY_CODE_SYSTEM = "http://fhir.hl7.org.vn/core/sid/ma-cskcb";

    private final JdbcTemplate jdbc;
    private final ClinicalStore store;
    private final Environment env;

    public PrescriptionNumbers(JdbcTemplate jdbc, ClinicalStore store, Environment env) {
        this.jdbc = jdbc;
        this.store = store;
        this.env = env;
    }

    /** The facility's 5-character code, if the facility or the property gives one. */
    public Optional<String> facilityCode() {
        Optional<String> stored = store.readReference(Organization.class, "facility")
                .flatMap(o -> o.getIdentifier().stream().filter(i -> FACILITY_CODE_SYSTEM.equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst());
        return stored.or(() -> Optional.ofNullable(env.getProperty("vnemr.facility.code")))
                .map(String::trim).filter(c -> c.matches("[0-9A-Za-z]{5}"));
    }

    /** A new code; the number is used up even if the save then fails (uniqueness is all that matters). */
    public String next(String facilityCode, PrescriptionType type) {
        Long number = jdbc.queryForObject("SELECT nextval('prescription_number')", Long.class);
        return PrescriptionCode.of(facilityCode, number, type);
    }
}
