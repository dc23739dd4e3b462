package org.vnemr.signing.document;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.context.FhirContext;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;

import java.util.Date;
import java.util.function.Supplier;

/**
 * The FHIR face of the signed record:
 * <ul>
 *   <li>{@code POST Composition/{id}/$sign?role=…} — sign with the server's configured key (for tests and
 *       scripts until signing screens with a user's token arrive);</li>
 *   <li>{@code GET Composition/{id}/$verify-signatures} — who signed, when, valid, what changed (vi + en);</li>
 *   <li>{@code POST Composition/{id}/$amend} (parameters {@code resource} = the corrected Composition,
 *       {@code reason}) — the replacing draft;</li>
 *   <li>{@code POST Composition/{id}/$consent-otp} and {@code $confirm-consent} (code, who) — the patient's or
 *       relative's confirmation by one-time code.</li>
 * </ul>
 */
public class SignedDocumentOperations {

    private final SignedDocumentService documents;
    private final SignatureVerification verification;
    private final DocumentAmendments amendments;
    private final ConsentOtpService otp;
    private final Supplier<Signer> serverSigner;
    private final FhirContext fhirContext;
    private final boolean revealOtp;

    public SignedDocumentOperations(SignedDocumentService documents, SignatureVerification verification,
                                    DocumentAmendments amendments, ConsentOtpService otp,
                                    Supplier<Signer> serverSigner, FhirContext fhirContext, boolean revealOtp) {
        this.documents = documents;
        this.verification = verification;
        this.amendments = amendments;
        this.otp = otp;
        this.serverSigner = serverSigner;
        this.fhirContext = fhirContext;
        this.revealOtp = revealOtp;
    }

    @Operation(name = "$sign", typeName = "Composition")
    public Parameters sign(@IdParam IIdType id, @OperationParam(name = "role") StringType role,
                           @OperationParam(name = "practitioner") StringType practitioner) {
        try {
            Signer signer = serverSigner.get();
            String roleCode = role == null || role.isEmpty() ? "attending-physician" : role.getValue();
            SignedDocument signed = documents.sign(id.getIdPart(), signer, roleCode,
                    practitioner == null ? null : practitioner.getValue());
            return signedParameters(signed);
        } catch (SigningException e) {
            throw SigningErrors.toFhir(e);
        }
    }

    @Operation(name = "$verify-signatures", typeName = "Composition", idempotent = true)
    public Parameters verify(@IdParam IIdType id) {
        try {
            documents.currentComposition(id.getIdPart());
            return verificationParameters(verification.verify(id.getIdPart()));
        } catch (SigningException e) {
            throw SigningErrors.toFhir(e);
        }
    }

    @Operation(name = "$amend", typeName = "Composition")
    public Parameters amend(@IdParam IIdType id, @OperationParam(name = "resource") Composition corrected,
                            @OperationParam(name = "reason") StringType reason) {
        try {
            if (corrected == null) {
                throw new SigningException("VNEMR-4143", "Composition/" + id.getIdPart());
            }
            ObjectNode body = FhirJson.parseResource(fhirContext.newJsonParser().encodeResourceToString(corrected));
            String newId = amendments.amend(id.getIdPart(), body, reason == null ? null : reason.getValue());
            Parameters out = new Parameters();
            out.addParameter().setName("amendment").setValue(new Reference("Composition/" + newId));
            out.addParameter().setName("replaces").setValue(new Reference("Composition/" + id.getIdPart()));
            return out;
        } catch (SigningException e) {
            throw SigningErrors.toFhir(e);
        }
    }

    @Operation(name = "$consent-otp", typeName = "Composition")
    public Parameters issueOtp(@IdParam IIdType id, @OperationParam(name = "role") StringType role) {
        try {
            ConsentOtpService.IssuedOtp issued = otp.issue(id.getIdPart(),
                    role == null ? "patient-or-relative" : role.getValue());
            Parameters out = new Parameters();
            out.addParameter().setName("expires").setValue(new InstantType(Date.from(issued.expiresAt())));
            if (revealOtp) {
                // development only: no SMS gateway yet, the code is shown on the signing screen
                out.addParameter().setName("code").setValue(new StringType(issued.code()));
            }
            return out;
        } catch (SigningException e) {
            throw SigningErrors.toFhir(e);
        }
    }

    @Operation(name = "$confirm-consent", typeName = "Composition")
    public Parameters confirmOtp(@IdParam IIdType id, @OperationParam(name = "code") StringType code,
                                 @OperationParam(name = "who") StringType who,
                                 @OperationParam(name = "name") StringType name,
                                 @OperationParam(name = "role") StringType role) {
        try {
            if (who == null || who.isEmpty()) {
                throw FhirError.badRequest("VNEMR-4143", "Composition/" + id.getIdPart());
            }
            SignedDocument signed = otp.confirm(id.getIdPart(), role == null ? "patient-or-relative" : role.getValue(),
                    code == null ? null : code.getValue(), who.getValue(), name == null ? who.getValue()
                            : name.getValue());
            return signedParameters(signed);
        } catch (SigningException e) {
            throw SigningErrors.toFhir(e);
        }
    }

    private static Parameters signedParameters(SignedDocument signed) {
        Parameters out = new Parameters();
        out.addParameter().setName("composition").setValue(new Reference("Composition/" + signed.documentId()
                + "/_history/" + signed.compositionVersion()));
        out.addParameter().setName("bundle").setValue(new Reference("Bundle/" + signed.bundleId()));
        if (signed.pdfBinaryId() != null) {
            out.addParameter().setName("pdf").setValue(new Reference("Binary/" + signed.pdfBinaryId()));
        }
        out.addParameter().setName("provenance").setValue(new Reference("Provenance/" + signed.provenanceId()));
        out.addParameter().setName("step").setValue(new IntegerType(signed.step()));
        out.addParameter().setName("complete").setValue(new BooleanType(signed.complete()));
        return out;
    }

    static Parameters verificationParameters(DocumentVerification result) {
        Parameters out = new Parameters();
        out.addParameter().setName("valid").setValue(new BooleanType(result.valid()));
        for (DocumentVerification.Signature s : result.signatures()) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("signature");
            p.addPart().setName("step").setValue(new IntegerType(s.step() + 1));
            p.addPart().setName("role").setValue(new CodeType(s.role()));
            p.addPart().setName("roleDisplay").setValue(new StringType(s.roleDisplay()));
            p.addPart().setName("method").setValue(new CodeType(s.method()));
            p.addPart().setName("signer").setValue(new StringType(s.signer()));
            if (s.certificateSubject() != null) {
                p.addPart().setName("certificateSubject").setValue(new StringType(s.certificateSubject()));
            }
            if (s.signedAt() != null) {
                p.addPart().setName("signedAt").setValue(new InstantType(Date.from(s.signedAt())));
            }
            if (s.timeStampTime() != null) {
                p.addPart().setName("timeStamp").setValue(new InstantType(Date.from(s.timeStampTime())));
            }
            p.addPart().setName("signatureValid").setValue(new BooleanType(s.signatureValid()));
            if (s.certificateVerdict() != null) {
                p.addPart().setName("certificate").setValue(new CodeType(s.certificateVerdict().name()));
                p.addPart().setName("revocationChecked").setValue(new BooleanType(s.revocationChecked()));
            }
        }
        for (DocumentVerification.Problem problem : result.problems()) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("problem");
            p.addPart().setName("code").setValue(new CodeType(problem.code()));
            p.addPart().setName("vi").setValue(new StringType(problem.vi()));
            p.addPart().setName("en").setValue(new StringType(problem.en()));
        }
        return out;
    }
}
