package org.vnemr.emr.inpatient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.DateTimeType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Không dùng thuốc đã ngừng: a dose given after its order was stopped (or cancelled, or entered in error) is refused
 * by the store, whoever writes it — the ward screen checks first, but a nurse's page opened before the doctor's
 * stop, or a system writing through {@code /fhir}, would otherwise slip through.
 *
 * <p>Runs inside the write transaction of each new MedicationAdministration and reads its order's row
 * {@code FOR SHARE}: a stop being written at the same moment holds that row locked for update, so the check waits
 * for it and then sees the stopped order; a stop that comes second waits for the dose instead. A dose timed
 * before the minute the order last changed (recorded late, or an imported past stay) is allowed: it was given
 * before the stop. Corrections of a dose already recorded (later versions) are never refused here.
 */
@Component
class StoppedOrderCheck implements WriteListener {

    /** Order states after which nothing more may be given. */
    static final Set<String> ENDED = Set.of("stopped", "cancelled", "entered-in-error");
    /** Administration states that say a dose was (or is being) given. */
    private static final Set<String> GIVEN = Set.of("completed", "in-progress");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;

    StoppedOrderCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void written(List<StoredResource> versions) {
        for (StoredResource version : versions) {
            if (version.versionId() != 1 || version.deleted() || version.json() == null
                    || !"MedicationAdministration".equals(version.resourceType())) {
                continue;
            }
            JsonNode dose = parse(version.json());
            String order = dose.path("request").path("reference").asText("");
            if (!GIVEN.contains(dose.path("status").asText("")) || !order.startsWith("MedicationRequest/")) {
                continue;
            }
            check(order.substring("MedicationRequest/".length()), givenAt(dose, version.lastUpdated()));
        }
    }

    private void check(String orderId, Instant givenAt) {
        List<Object[]> rows = jdbc.query("SELECT content, last_updated FROM " + Tables.current("MedicationRequest")
                        + " WHERE id = ? AND NOT deleted FOR SHARE",
                (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}, orderId);
        if (rows.isEmpty()) {
            return; // an order that does not exist is the reference check's business, not this one's
        }
        JsonNode order = parse((String) rows.get(0)[0]);
        String status = order.path("status").asText("");
        // doses are timed to the minute on the ward: one timed in the minute of the stop counts as after it
        Instant changed = ((Timestamp) rows.get(0)[1]).toInstant().truncatedTo(ChronoUnit.MINUTES);
        if (ENDED.contains(status) && !givenAt.isBefore(changed)) {
            String drug = order.path("medicationCodeableConcept").path("coding").path(0).path("display")
                    .asText(order.path("medicationCodeableConcept").path("text").asText(orderId));
            throw FhirError.unprocessable("VNEMR-6347", drug, status,
                    order.path("statusReason").path("text").asText("—"));
        }
    }

    /** When the dose was given: effectiveDateTime or the start of effectivePeriod, else when it was recorded. */
    private static Instant givenAt(JsonNode dose, Instant recorded) {
        String when = dose.path("effectiveDateTime").asText(dose.path("effectivePeriod").path("start").asText(""));
        if (when.isEmpty()) {
            return recorded;
        }
        try {
            return new DateTimeType(when).getValue().toInstant();
        } catch (RuntimeException e) {
            return recorded; // the validator has refused a malformed time already; never let it open the gate
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
