package org.vnemr.platform.audit.web;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.io.IOException;
import java.util.List;

/**
 * "Ai đã mở hồ sơ của tôi" — {@code GET /fhir/Patient/<id>/$access-log[?_count=n]}: every recorded access to
 * this patient's record, newest first, as a Bundle of AuditEvents (break-the-glass accesses carry the purpose
 * {@code BTG} and the typed reason). Luật 91/2025 gives the data subject the right to know who processed their
 * data.
 */
public class AccessLogProvider {

    private final AuditSearch search;

    public AccessLogProvider(AuditSearch search) {
        this.search = search;
    }

    @Operation(name = "$access-log", typeName = "Patient", idempotent = true, manualResponse = true)
    public void accessLog(@IdParam IIdType patient, @OperationParam(name = "_count") IntegerType count,
                          ServletRequestDetails request) throws IOException {
        int limit = count == null || count.getValue() == null ? 100 : count.getValue();
        List<AuditRow> rows = search.find(AuditQuery.forPatient(patient.getIdPart()).limit(limit));
        String base = request.getFhirServerBase();
        AuditBundle.send(request.getServletResponse(), AuditBundle.searchset(rows, base,
                base + "/Patient/" + patient.getIdPart() + "/$access-log", null));
    }
}
