package org.vnemr.fhir.bulk;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.StringType;
import org.vnemr.fhir.error.FhirError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Bulk Data kick-off: {@code GET|POST /fhir/$export}, {@code /fhir/Patient/$export},
 * {@code /fhir/Group/{id}/$export} with {@code Prefer: respond-async}. Answers 202 with the status URL in
 * {@code Content-Location} ({@code /bulk/export/{job}}, served by {@link BulkExportController}).
 */
public class BulkExportProvider {

    private static final Set<String> NDJSON = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

    private final BulkExportService exports;

    public BulkExportProvider(BulkExportService exports) {
        this.exports = exports;
    }

    @Operation(name = "$export", manualResponse = true, idempotent = true)
    public void exportSystem(@OperationParam(name = "_outputFormat") StringType format,
                             @OperationParam(name = "_type") StringType types,
                             @OperationParam(name = "_since") InstantType since, ServletRequestDetails request) {
        kickOff("system", null, format, types, since, request);
    }

    @Operation(name = "$export", manualResponse = true, idempotent = true, typeName = "Patient")
    public void exportPatients(@OperationParam(name = "_outputFormat") StringType format,
                               @OperationParam(name = "_type") StringType types,
                               @OperationParam(name = "_since") InstantType since, ServletRequestDetails request) {
        kickOff("patient", null, format, types, since, request);
    }

    @Operation(name = "$export", manualResponse = true, idempotent = true, typeName = "Group")
    public void exportGroup(@IdParam IIdType group, @OperationParam(name = "_outputFormat") StringType format,
                            @OperationParam(name = "_type") StringType types,
                            @OperationParam(name = "_since") InstantType since, ServletRequestDetails request) {
        kickOff("group", group.getIdPart(), format, types, since, request);
    }

    private void kickOff(String level, String groupId, StringType format, StringType types, InstantType since,
                         ServletRequestDetails request) {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.contains("respond-async")) {
            throw FhirError.badRequest("VNEMR-1040");
        }
        if (format != null && format.getValue() != null && !NDJSON.contains(format.getValue())) {
            throw FhirError.badRequest("VNEMR-1041", format.getValue());
        }
        List<String> typeList = new ArrayList<>();
        if (types != null && types.getValue() != null) {
            for (String t : types.getValue().split(",")) {
                if (!t.isBlank()) {
                    typeList.add(t.strip());
                }
            }
        }
        Instant sinceInstant = since == null || since.getValue() == null ? null : since.getValue().toInstant();
        String id = exports.kickOff(new BulkExportService.Request(level, groupId, typeList, sinceInstant,
                request.getCompleteUrl()));
        String base = request.getFhirServerBase();
        String root = base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base;
        request.getServletResponse().setStatus(202);
        request.getServletResponse().setHeader("Content-Location", root + "/bulk/export/" + id);
    }
}
