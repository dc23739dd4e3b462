package org.vnemr.platform.privacy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.SearchParamType;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Xuất toàn bộ dữ liệu về một người bệnh (Luật 91/2025: the data subject's right to obtain their data): a FHIR
 * {@code collection} Bundle with the Patient, every current resource of the Patient compartment (every type whose
 * compartment parameters reference the patient — the same rule as the bulk {@code Patient/$export}), and the
 * patient's access log as AuditEvents (who processed the data, when, why). Read in one snapshot-free pass; the
 * caller audits it as an export.
 */
public class PersonalDataExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The access log part is capped; older events stay available through the audit search. */
    static final int MAX_AUDIT_EVENTS = 10_000;

    private final JdbcTemplate jdbc;
    private final SearchParamCatalog catalog;
    private final AuditSearch audit;

    public PersonalDataExport(JdbcTemplate jdbc, SearchParamCatalog catalog, AuditSearch audit) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The Bundle as JSON text, or empty when there is no such (undeleted) patient. */
    public Optional<String> export(String patientId) {
        List<String> patient = jdbc.queryForList("SELECT content FROM " + Tables.current("Patient")
                + " WHERE id = ? AND NOT deleted", String.class, patientId);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.put("timestamp", Instant.now().toString());
        ArrayNode entries = bundle.putArray("entry");
        add(entries, patient.get(0));
        String reference = "Patient/" + patientId;
        for (String type : catalog.resourceTypes()) {
            if (type.equals("Patient")) {
                continue;
            }
            List<String> columns = compartmentColumns(type);
            if (columns.isEmpty()) {
                continue;
            }
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (String column : columns) {
                conditions.add(column + " && ARRAY[?]::text[]");
                args.add(reference);
            }
            String sql = "SELECT content FROM " + Tables.current(type) + " WHERE NOT deleted AND ("
                    + String.join(" OR ", conditions) + ") ORDER BY id";
            for (String json : jdbc.queryForList(sql, String.class, args.toArray())) {
                add(entries, json);
            }
        }
        for (AuditRow row : audit.find(new AuditQuery(patientId, null, null, null, null, null,
                AuditQuery.MAX_LIMIT))) {
            add(entries, row.event());
        }
        bundle.put("total", entries.size());
        try {
            return Optional.of(JSON.writeValueAsString(bundle));
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }

    private static void add(ArrayNode entries, String json) {
        try {
            entries.addObject().set("resource", JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("stored resource is not JSON", e);
        }
    }

    private List<String> compartmentColumns(String type) {
        FhirContext ctx = catalog.fhirContext();
        List<String> columns = new ArrayList<>();
        for (RuntimeSearchParam hapi : ctx.getResourceDefinition(type).getSearchParams()) {
            if (hapi.getProvidesMembershipInCompartments() != null
                    && hapi.getProvidesMembershipInCompartments().contains("Patient")) {
                catalog.param(type, hapi.getName()).filter(p -> p.type() == SearchParamType.REFERENCE)
                        .map(SearchParam::column).filter(c -> !columns.contains(c)).ifPresent(columns::add);
            }
        }
        return columns;
    }
}
