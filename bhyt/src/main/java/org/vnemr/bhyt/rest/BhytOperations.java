package org.vnemr.bhyt.rest;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vnemr.bhyt.export.BhytExport;
import org.vnemr.bhyt.validation.Finding;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.signing.SigningException;

/**
 * The FHIR face of the insurance export, for the billing clerk and tests:
 * <ul>
 *   <li>{@code GET Encounter/{id}/$bhyt-validate} — an OperationOutcome with one issue per broken rule
 *       ({@code issue.code.coding} = the rule id, {@code details.text} Vietnamese, {@code diagnostics} English,
 *       {@code expression} = table[row].field), or one information issue when the dossier is clean;</li>
 *   <li>{@code GET Encounter/{id}/$bhyt-xml} — the signed GIAMDINHHS file as a Binary ({@code application/xml}).</li>
 * </ul>
 */
public class BhytOperations {

    /** Code system of the rule ids in OperationOutcome issues. */
    public static final String RULE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/bhyt-rule";

    private final BhytExport export;

    public BhytOperations(BhytExport export) {
        this.export = export;
    }

    @Operation(name = "$bhyt-validate", typeName = "Encounter", idempotent = true)
    public OperationOutcome validate(@IdParam IIdType id) {
        BhytExport.Result result = build(id);
        OperationOutcome outcome = new OperationOutcome();
        for (Finding f : result.findings()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.INVALID)
                    .setDetails(new CodeableConcept(new Coding(RULE_SYSTEM, f.ruleId(), null)).setText(f.messageVi()))
                    .setDiagnostics(f.messageEn()).addExpression(f.location());
        }
        if (result.findings().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText("Hồ sơ " + result.maLk()
                            + " đạt mọi quy tắc kiểm tra của chuẩn dữ liệu đầu ra."))
                    .setDiagnostics("Dossier " + result.maLk() + " passes every rule.");
        }
        return outcome;
    }

    @Operation(name = "$bhyt-xml", typeName = "Encounter", idempotent = true)
    public Binary xml(@IdParam IIdType id) {
        BhytExport.Result result = build(id);
        try {
            byte[] signed = export.sign(result);
            Binary binary = new Binary();
            binary.setContentType("application/xml");
            binary.setData(signed);
            return binary;
        } catch (Xml130Exception e) {
            throw error(e);
        } catch (SigningException e) {
            throw FhirError.unprocessable("VNEMR-7007");
        }
    }

    private BhytExport.Result build(IIdType id) {
        try {
            return export.build(id.getIdPart());
        } catch (Xml130Exception e) {
            throw error(e);
        }
    }

    private static BaseServerResponseException error(Xml130Exception e) {
        return e.code().equals("VNEMR-7005") ? FhirError.notFound(e.code(), e.args())
                : FhirError.unprocessable(e.code(), e.args());
    }
}
