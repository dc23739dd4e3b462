package org.vnemr.signing.document;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.CurrentVersion;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.jws.CanonicalJson;
import org.vnemr.signing.jws.DetachedJws;
import org.vnemr.signing.pdf.DocumentPdfRenderer;
import org.vnemr.signing.pdf.PadesSigner;

import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs clinical documents. The first signature of a document freezes it: the Composition becomes
 * {@code final}, and ONE transaction stores the document Bundle snapshot, the PAdES-signed PDF rendered from that
 * snapshot (a Binary), and a Provenance whose signature is a detached JWS over the snapshot; the frozen versions
 * and their SHA-256 go into {@code signing_frozen_resource}. Later signers of the plan (head of department …)
 * add an incremental PAdES signature — a new Binary whose bytes start with the previous PDF — and their own
 * Provenance over the same snapshot. Certificates are checked before anything is signed.
 */
public class SignedDocumentService {

    static final String SIGNING_ROLE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/signing-role";
    static final String SIGNATURE_TYPE_SYSTEM = "urn:iso-astm:E1762-95:2013";
    private static final Set<String> UNSIGNABLE = Set.of("entered-in-error");

    private final ResourceStore store;
    private final WriteService writes;
    private final TransactionTemplate transactions;
    private final FrozenRecords frozen;
    private final SigningPlans plans;
    private final DocumentSnapshots snapshots;
    private final DocumentPdfRenderer renderer;
    private final PadesSigner pades;
    private final CertificateValidator certificates;
    private final FhirContext fhirContext;
    private final Clock clock;

    public SignedDocumentService(ResourceStore store, WriteService writes, TransactionTemplate transactions,
                                 FrozenRecords frozen, SigningPlans plans, String baseUrl, DocumentPdfRenderer renderer,
                                 PadesSigner pades, CertificateValidator certificates, FhirContext fhirContext,
                                 Clock clock) {
        this.store = store;
        this.writes = writes;
        this.transactions = transactions;
        this.frozen = frozen;
        this.plans = plans;
        this.snapshots = new DocumentSnapshots(store, baseUrl);
        this.renderer = renderer;
        this.pades = pades;
        this.certificates = certificates;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    /** Signs as {@code role}; the signer's Practitioner is the Composition's first author for the first step. */
    public SignedDocument sign(String compositionId, Signer signer, String role) {
        return sign(compositionId, signer, role, null);
    }

    /**
     * @param who the signer as a reference ({@code Practitioner/…}); null: the first Practitioner author for the
     *            first step, otherwise the certificate's name only
     */
    public SignedDocument sign(String compositionId, Signer signer, String role, String who) {
        ObjectNode composition = currentComposition(compositionId);
        String typeCode = typeCode(composition);
        List<FrozenRecords.SignatureRow> done = frozen.signatures(compositionId);
        SigningPlans.Step step = nextStep(compositionId, typeCode, done, role);
        if (step.role().method() != SigningPlans.Method.CERTIFICATE) {
            throw new SigningException("VNEMR-4107", step.role().code(), "Composition/" + compositionId, "OTP");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        requireUsableCertificate(signer, now);
        String status = composition.path("status").asText();
        if (UNSIGNABLE.contains(status)) {
            throw new SigningException("VNEMR-4105", "Composition/" + compositionId, status);
        }
        boolean first = done.isEmpty();
        long currentVersion = composition.path("meta").path("versionId").asLong();
        long frozenVersion;
        String bundleId;
        ObjectNode snapshot;
        byte[] pdf;
        ObjectNode finalComposition = null;
        if (first) {
            boolean needsFinal = !"final".equals(status);
            frozenVersion = needsFinal ? currentVersion + 1 : currentVersion;
            finalComposition = composition.deepCopy();
            finalComposition.put("status", "final");
            ObjectNode meta = (ObjectNode) finalComposition.path("meta");
            meta.remove("lastUpdated");
            meta.put("versionId", Long.toString(frozenVersion));
            bundleId = UUID.randomUUID().toString();
            snapshot = snapshots.build(bundleId, finalComposition, now);
            Bundle parsed = fhirContext.newJsonParser().parseResource(Bundle.class, FhirJson.write(snapshot));
            pdf = renderer.render(parsed, "Composition/" + compositionId, Long.toString(frozenVersion));
            if (!needsFinal) {
                finalComposition = null;
            }
        } else {
            FrozenRecords.SignatureRow firstRow = done.get(0);
            bundleId = firstRow.bundleId();
            frozenVersion = frozen.find("Composition", compositionId).orElseThrow().versionId();
            snapshot = FhirJson.parseResource(readFrozen("Bundle", bundleId).json());
            pdf = latestPdf(done);
        }
        String reason = step.role().display();
        byte[] signedPdf = pades.sign(pdf, signer, reason, null);
        String jws = DetachedJws.sign(CanonicalJson.of(snapshot), signer, now);

        String pdfId = UUID.randomUUID().toString();
        String provenanceId = UUID.randomUUID().toString();
        String whoReference = who != null ? who : first ? firstPractitionerAuthor(composition) : null;
        String signerName = certificateName(signer.certificate());
        List<WriteRequest> requests = new ArrayList<>();
        if (finalComposition != null) {
            ObjectNode body = finalComposition.deepCopy();
            ObjectNode bodyMeta = (ObjectNode) body.get("meta");
            bodyMeta.remove("versionId");
            if (bodyMeta.isEmpty()) {
                body.remove("meta");
            }
            requests.add(WriteRequest.update("Composition", compositionId, body, currentVersion));
        }
        if (first) {
            requests.add(WriteRequest.update("Bundle", bundleId, snapshot, null));
        }
        requests.add(WriteRequest.update("Binary", pdfId, pdfBinary(pdfId, compositionId, signedPdf), null));
        ObjectNode provenance = provenance(provenanceId, List.of("Composition/" + compositionId + "/_history/"
                        + frozenVersion, "Bundle/" + bundleId + "/_history/1", "Binary/" + pdfId + "/_history/1"),
                now, step.role(), whoReference, signerName);
        ObjectNode signature = (ObjectNode) provenance.withArray("signature").get(0);
        signature.put("sigFormat", "application/jose");
        signature.put("targetFormat", "application/fhir+json");
        signature.put("data", Base64.getEncoder().encodeToString(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        requests.add(WriteRequest.update("Provenance", provenanceId, provenance, null));

        final long version = frozenVersion;
        final String bundle = bundleId;
        final boolean compositionUpdated = finalComposition != null;
        try {
            transactions.executeWithoutResult(tx -> {
                List<WriteOutcome> outcomes = writes.executeAll(requests, new WriteOptions(true, false));
                requireUnchanged(compositionId, version);
                List<FrozenRecords.Frozen> rows = new ArrayList<>();
                for (WriteOutcome outcome : outcomes) {
                    StoredResource r = outcome.resource();
                    rows.add(new FrozenRecords.Frozen(r.resourceType(), r.id(), r.versionId(), compositionId,
                            FrozenRecords.sha256Hex(r.json())));
                }
                if (first && !compositionUpdated) {
                    StoredResource c = store.read("Composition", compositionId).orElseThrow();
                    rows.add(0, new FrozenRecords.Frozen("Composition", compositionId, c.versionId(), compositionId,
                            FrozenRecords.sha256Hex(c.json())));
                }
                frozen.freeze(rows);
                frozen.addSignature(new FrozenRecords.SignatureRow(compositionId, step.index(), step.role().code(),
                        "certificate", provenanceId, bundle, pdfId, signerName,
                        signer.certificate().getSubjectX500Principal().getName(), now));
            });
        } catch (DuplicateKeyException e) {
            // another signer took this step at the same moment
            throw new SigningException(e, "VNEMR-4103", "Composition/" + compositionId, step.role().code(), role);
        }
        boolean complete = step.index() + 1 >= plans.plan(typeCode).size();
        return new SignedDocument(compositionId, frozenVersion, bundleId, pdfId, provenanceId, step.index(),
                step.role().code(), complete);
    }

    /** The PDF with every signature so far. */
    public byte[] signedPdf(String compositionId) {
        List<FrozenRecords.SignatureRow> done = frozen.signatures(compositionId);
        if (done.isEmpty()) {
            throw new SigningException("VNEMR-4106", "Composition/" + compositionId);
        }
        return latestPdf(done);
    }

    /** The next step, or a refusal when {@code role} is not the one the plan expects now. */
    SigningPlans.Step nextStep(String compositionId, String typeCode, List<FrozenRecords.SignatureRow> done,
                               String role) {
        List<SigningPlans.Step> plan = plans.plan(typeCode);
        if (done.size() >= plan.size()) {
            throw new SigningException("VNEMR-4102", "Composition/" + compositionId);
        }
        SigningPlans.Step next = plan.get(done.size());
        if (!next.role().code().equals(role)) {
            boolean inPlan = plan.stream().anyMatch(s -> s.role().code().equals(role));
            if (!inPlan) {
                throw new SigningException("VNEMR-4104", role, typeCode);
            }
            throw new SigningException("VNEMR-4103", "Composition/" + compositionId, next.role().code(), role);
        }
        return next;
    }

    /** Refuses expired, not-yet-valid, revoked, untrusted and wrongly-used certificates and small keys. */
    void requireUsableCertificate(Signer signer, Instant at) {
        X509Certificate certificate = signer.certificate();
        String subject = certificate.getSubjectX500Principal().getName();
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
            throw new SigningException("VNEMR-4116", subject);
        }
        CertificateStatus status = certificates.check(signer.certificateChain(), at);
        if (!status.trusted()) {
            throw new SigningException(refusalCode(status.verdict()), subject);
        }
    }

    static String refusalCode(CertificateStatus.Verdict verdict) {
        return switch (verdict) {
            case EXPIRED -> "VNEMR-4110";
            case NOT_YET_VALID -> "VNEMR-4111";
            case REVOKED -> "VNEMR-4112";
            case UNTRUSTED -> "VNEMR-4113";
            case WRONG_KEY_USAGE -> "VNEMR-4114";
            default -> "VNEMR-4115";
        };
    }

    ObjectNode currentComposition(String compositionId) {
        StoredResource stored = store.read("Composition", compositionId).orElse(null);
        if (stored == null || stored.deleted()) {
            throw new SigningException("VNEMR-4100", "Composition/" + compositionId);
        }
        return FhirJson.parseResource(stored.json());
    }

    static String typeCode(JsonNode composition) {
        for (JsonNode coding : composition.path("type").path("coding")) {
            if (coding.hasNonNull("code")) {
                return coding.get("code").asText();
            }
        }
        return null;
    }

    StoredResource readFrozen(String type, String id) {
        FrozenRecords.Frozen f = frozen.find(type, id)
                .orElseThrow(() -> new SigningException("VNEMR-4125", type + "/" + id));
        return store.readVersion(type, id, f.versionId()).filter(s -> !s.deleted())
                .orElseThrow(() -> new SigningException("VNEMR-4125", type + "/" + id));
    }

    byte[] latestPdf(List<FrozenRecords.SignatureRow> done) {
        for (int i = done.size() - 1; i >= 0; i--) {
            if (done.get(i).pdfBinaryId() != null) {
                return binaryData(readFrozen("Binary", done.get(i).pdfBinaryId()).json());
            }
        }
        throw new SigningException("VNEMR-4125", "PDF");
    }

    static byte[] binaryData(String binaryJson) {
        return Base64.getDecoder().decode(FhirJson.parseResource(binaryJson).path("data").asText());
    }

    private void requireUnchanged(String compositionId, long expectedVersion) {
        Map<String, CurrentVersion> locked = store.lockCurrentVersions("Composition", Set.of(compositionId));
        CurrentVersion now = locked.get(compositionId);
        if (now == null || now.deleted() || now.versionId() != expectedVersion) {
            throw FhirError.preconditionFailed("VNEMR-1009", "Composition/" + compositionId, expectedVersion,
                    now == null ? 0 : now.versionId());
        }
    }

    private static ObjectNode pdfBinary(String id, String compositionId, byte[] pdf) {
        ObjectNode binary = FhirJson.object();
        binary.put("resourceType", "Binary");
        binary.put("id", id);
        binary.put("contentType", "application/pdf");
        binary.putObject("securityContext").put("reference", "Composition/" + compositionId);
        binary.put("data", Base64.getEncoder().encodeToString(pdf));
        return binary;
    }

    /** A Provenance of one signing step; the caller fills the signature's format and data. */
    static ObjectNode provenance(String id, List<String> targets, Instant when, SigningPlans.Role role,
                                 String whoReference, String whoDisplay) {
        ObjectNode provenance = FhirJson.object();
        provenance.put("resourceType", "Provenance");
        provenance.put("id", id);
        ArrayNode target = provenance.putArray("target");
        targets.forEach(t -> target.addObject().put("reference", t));
        provenance.put("recorded", FhirJson.instant(when));
        ObjectNode activity = provenance.putObject("activity").putArray("coding").addObject();
        activity.put("system", "http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion");
        activity.put("code", "LA");
        activity.put("display", "legally authenticated");
        ObjectNode agent = provenance.putArray("agent").addObject();
        ObjectNode agentType = agent.putObject("type").putArray("coding").addObject();
        agentType.put("system", "http://terminology.hl7.org/CodeSystem/provenance-participant-type");
        agentType.put("code", role.participantType());
        ObjectNode roleCoding = agent.putArray("role").addObject().putArray("coding").addObject();
        roleCoding.put("system", SIGNING_ROLE_SYSTEM);
        roleCoding.put("code", role.code());
        roleCoding.put("display", role.display());
        ObjectNode who = agent.putObject("who");
        if (whoReference != null) {
            who.put("reference", whoReference);
        }
        who.put("display", whoDisplay);
        ObjectNode signature = provenance.putArray("signature").addObject();
        ObjectNode type = signature.putArray("type").addObject();
        type.put("system", SIGNATURE_TYPE_SYSTEM);
        type.put("code", role.signatureType());
        signature.put("when", FhirJson.instant(when));
        signature.set("who", who.deepCopy());
        return provenance;
    }

    private static String firstPractitionerAuthor(JsonNode composition) {
        for (JsonNode author : composition.path("author")) {
            String ref = author.path("reference").asText("");
            if (ref.startsWith("Practitioner/")) {
                return ref;
            }
        }
        return null;
    }

    static String certificateName(X509Certificate certificate) {
        org.bouncycastle.asn1.x500.X500Name name = org.bouncycastle.asn1.x500.X500Name.getInstance(
                certificate.getSubjectX500Principal().getEncoded());
        var cn = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return cn.length == 0 ? name.toString()
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cn[0].getFirst().getValue());
    }
}
