package org.vnemr.platform.privacy;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IIdType;
import org.vnemr.fhir.error.FhirError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /fhir/Patient/<id>/$personal-data-export}: everything held about the patient plus their access log, as
 * one Bundle ({@link PersonalDataExport}). Authorised as export (the access matrix) and audited by the FHIR audit
 * as an operation on that patient.
 */
public class PersonalDataExportProvider {

    private final PersonalDataExport export;

    public PersonalDataExportProvider(PersonalDataExport export) {
        this.export = export;
    }

    @Operation(name = "$personal-data-export", typeName = "Patient", idempotent = true, manualResponse = true)
    public void export(@IdParam IIdType patient, ServletRequestDetails request) throws IOException {
        String bundle = export.export(patient.getIdPart())
                .orElseThrow(() -> FhirError.build(404, "VNEMR-5240", patient.getIdPart()));
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(200);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"patient-" + patient.getIdPart()
                .replaceAll("[^A-Za-z0-9.-]", "") + "-personal-data.json\"");
        response.getOutputStream().write(bundle.getBytes(StandardCharsets.UTF_8));
    }
}
