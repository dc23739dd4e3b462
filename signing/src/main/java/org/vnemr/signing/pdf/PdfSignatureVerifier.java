package org.vnemr.signing.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Lists and checks every signature of a PDF: who signed (from the embedded certificate), the claimed signing
 * time, the time-stamp time when there is one, whether the signature covers the whole file, whether the
 * digest of the signed bytes and the CMS signature are valid, and the certificate's status at the signing time
 * (the time-stamp's when present, since it is the trustworthy one) from the {@link CertificateValidator}.
 */
public final class PdfSignatureVerifier {

    private final CertificateValidator certificates;

    public PdfSignatureVerifier(CertificateValidator certificates) {
        this.certificates = certificates;
    }

    /** One report per signature, in file order; an empty list for an unsigned or unreadable PDF. */
    public List<PdfSignatureReport> verify(byte[] pdf) {
        List<PdfSignatureReport> reports = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            for (int i = 0; i < signatures.size(); i++) {
                reports.add(verifyOne(i, signatures.get(i), pdf));
            }
        } catch (IOException e) {
            return List.of(PdfSignatureReport.unreadable("PDF: " + e.getMessage()));
        }
        return reports;
    }

    /** True when the PDF has at least one signature, all are valid, and the last one covers the whole file. */
    public static boolean allValid(List<PdfSignatureReport> reports) {
        return !reports.isEmpty() && reports.stream().allMatch(PdfSignatureReport::intact)
                && reports.get(reports.size() - 1).coversWholeDocument();
    }

    private PdfSignatureReport verifyOne(int index, PDSignature signature, byte[] pdf) {
        Instant claimed = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        int[] range = signature.getByteRange();
        if (range == null || range.length != 4 || range[0] != 0 || range[1] < 0 || range[2] < range[1]
                || (long) range[2] + range[3] > pdf.length) {
            return new PdfSignatureReport(index, signature.getName(), null, claimed, null, false, false, false,
                    null, 0, List.of(), "byte range " + Arrays.toString(range) + " does not fit the file");
        }
        long revisionLength = (long) range[2] + range[3];
        boolean whole = revisionLength == pdf.length;
        try {
            byte[] contents = signature.getContents(pdf);
            byte[] signedContent = signature.getSignedContent(pdf);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), contents);
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Store<X509CertificateHolder> store = cms.getCertificates();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return new PdfSignatureReport(index, signature.getName(), null, claimed, null, whole, false, false,
                        null, revisionLength, List.of(), "signing certificate not embedded");
            }
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            X509Certificate certificate = converter.getCertificate(matches.iterator().next());
            List<X509Certificate> chain = chain(certificate, store, converter);
            boolean digestAndSignature;
            String problem = null;
            try {
                digestAndSignature = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            } catch (CMSException e) {
                digestAndSignature = false;
                problem = e.getMessage();
            }
            if (!digestAndSignature && problem == null) {
                problem = "CMS signature does not match the signing certificate";
            }
            Instant stamped = null;
            AttributeTable unsigned = signer.getUnsignedAttributes();
            Attribute tst = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (tst != null) {
                TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(tst.getAttrValues().getObjectAt(0)));
                byte[] imprint = token.getTimeStampInfo().getMessageImprintDigest();
                if (!Arrays.equals(imprint, CmsSignatureBuilder.sha256(signer.getSignature()))) {
                    problem = problem == null ? "time-stamp does not cover this signature" : problem;
                    digestAndSignature = false;
                } else {
                    String tsaProblem = timeStampProblem(token);
                    if (tsaProblem != null) {
                        problem = problem == null ? tsaProblem : problem;
                        digestAndSignature = false;
                    }
                }
                stamped = token.getTimeStampInfo().getGenTime().toInstant();
            }
            Instant at = stamped != null ? stamped : claimed != null ? claimed : Instant.now();
            CertificateStatus status = certificates.check(chain, at);
            String subject = certificate.getSubjectX500Principal().getName();
            return new PdfSignatureReport(index, signature.getName(), subject, claimed, stamped, whole,
                    digestAndSignature, signature.getSubFilter() != null
                    && signature.getSubFilter().equals(PadesSigner.ETSI_CADES_DETACHED.getName()),
                    status, revisionLength, chain, problem);
        } catch (IOException | CMSException | CertificateException | RuntimeException
                 | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.tsp.TSPException e) {
            return new PdfSignatureReport(index, signature.getName(), null, claimed, null, whole, false, false, null,
                    revisionLength, List.of(), "signature unreadable: " + e.getMessage());
        }
    }

    /** The token's signature checked against the TSA certificate it carries; null when valid, else why not. */
    private static String timeStampProblem(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> tsaCerts = token.getCertificates().getMatches(null);
        String why = "time-stamp carries no TSA certificate";
        for (X509CertificateHolder candidate : tsaCerts) {
            try {
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(candidate));
                return null;
            } catch (Exception e) {
                why = "time-stamp token invalid: " + e.getMessage();
            }
        }
        return why;
    }

    /** The signing certificate, then each issuer found in the CMS certificate set. */
    private static List<X509Certificate> chain(X509Certificate leaf, Store<X509CertificateHolder> store,
                                               JcaX509CertificateConverter converter) throws CertificateException {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> all = store.getMatches(null);
        for (int depth = 0; depth < 8 && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal());
             depth++) {
            X509Certificate issuer = null;
            for (X509CertificateHolder holder : all) {
                X509Certificate candidate = converter.getCertificate(holder);
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !candidate.equals(current)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }
}
