package org.vnemr.signing.certs;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate check of vnemr, in the order a reader of a refusal expects: validity period at the given moment,
 * key usage (digitalSignature or nonRepudiation), a PKIX chain to a root of the {@link TrustList} (intermediates from
 * the signer's chain or the trust list), then revocation of every certificate of that chain below the root — OCSP
 * first, the CRL second, and in {@link RevocationMode#OFFLINE} only configured CRL files.
 *
 * <p>At verification the moment is the signing time: a certificate that expired or was revoked <em>after</em> the
 * document was signed still vouches for that signature (NĐ 23/2025 Đ16: status at the time of signing).
 */
public final class TrustListCertificateValidator implements CertificateValidator {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

    private final TrustList trustList;
    private final RevocationMode mode;
    private final OcspClient ocsp;
    private final CrlSource crls;

    /**
     * @param crlFiles     CRL files read in both modes (e.g. the CA's published CRL copied beside an export)
     * @param httpTimeout  limit for one OCSP or CRL request
     */
    public TrustListCertificateValidator(TrustList trustList, RevocationMode mode, List<Path> crlFiles,
                                         Duration httpTimeout) {
        this.trustList = trustList;
        this.mode = mode;
        HttpClient http = HttpClient.newBuilder().connectTimeout(httpTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.ocsp = new OcspClient(http, httpTimeout);
        this.crls = new CrlSource(http, httpTimeout, crlFiles);
    }

    public TrustListCertificateValidator(TrustList trustList, RevocationMode mode) {
        this(trustList, mode, List.of(), Duration.ofSeconds(10));
    }

    public RevocationMode mode() {
        return mode;
    }

    @Override
    public CertificateStatus check(List<X509Certificate> chain, Instant at) {
        X509Certificate signer = chain.get(0);
        String subject = displayName(signer);
        Instant notBefore = signer.getNotBefore().toInstant();
        Instant notAfter = signer.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            return refusal(CertificateStatus.Verdict.NOT_YET_VALID, subject, at, false, "VNEMR-4030",
                    subject, DISPLAY.format(notBefore), DISPLAY.format(at));
        }
        if (at.isAfter(notAfter)) {
            return refusal(CertificateStatus.Verdict.EXPIRED, subject, at, false, "VNEMR-4031",
                    subject, DISPLAY.format(notAfter), DISPLAY.format(at));
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            return refusal(CertificateStatus.Verdict.WRONG_KEY_USAGE, subject, at, false, "VNEMR-4035", subject);
        }
        List<X509Certificate> path;
        X509Certificate root;
        try {
            PKIXCertPathBuilderResult result = buildPath(chain, at);
            path = new ArrayList<>();
            for (Certificate certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            root = result.getTrustAnchor().getTrustedCert();
        } catch (CertPathBuilderException e) {
            return refusal(CertificateStatus.Verdict.UNTRUSTED, subject, at, false, "VNEMR-4032", subject,
                    String.valueOf(e.getMessage()));
        } catch (java.security.GeneralSecurityException e) {
            return refusal(CertificateStatus.Verdict.UNTRUSTED, subject, at, false, "VNEMR-4032", subject,
                    e.toString());
        }
        StringBuilder notes = new StringBuilder();
        boolean allAnswered = true;
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : root;
            Optional<RevocationAnswer> answer = revocation(certificate, issuer, notes);
            if (answer.isEmpty()) {
                allAnswered = false;
                continue;
            }
            if (answer.get().revokedBy(at)) {
                return refusal(CertificateStatus.Verdict.REVOKED, subject, at, true, "VNEMR-4033",
                        displayName(certificate), DISPLAY.format(answer.get().revokedAt()), answer.get().reason());
            }
        }
        if (!allAnswered && mode == RevocationMode.ONLINE) {
            return refusal(CertificateStatus.Verdict.UNKNOWN, subject, at, false, "VNEMR-4034", subject,
                    notes.length() == 0 ? "no OCSP or CRL address in the certificate" : notes.toString().trim());
        }
        if (!allAnswered) {
            return new CertificateStatus(CertificateStatus.Verdict.TRUSTED, subject, at, false, "VNEMR-4037",
                    List.of(subject));
        }
        return new CertificateStatus(CertificateStatus.Verdict.TRUSTED, subject, at, true, null, List.of());
    }

    private Optional<RevocationAnswer> revocation(X509Certificate certificate, X509Certificate issuer,
                                                  StringBuilder notes) {
        if (mode == RevocationMode.ONLINE) {
            Optional<RevocationAnswer> answer = ocsp.ask(certificate, issuer, notes);
            if (answer.isPresent()) {
                return answer;
            }
            answer = crls.fromDistributionPoints(certificate, issuer, notes);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return crls.fromFiles(certificate, issuer, notes);
    }

    private PKIXCertPathBuilderResult buildPath(List<X509Certificate> chain, Instant at)
            throws java.security.GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain.get(0));
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustList.anchors(), target);
        parameters.setRevocationEnabled(false); // revocation is checked above, with OCSP/CRL and the modes
        parameters.setDate(Date.from(at));
        Collection<X509Certificate> known = new ArrayList<>(chain);
        known.addAll(trustList.intermediates());
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
        parameters.addCertPathChecker(new ExtendedKeyUsageAccepted());
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
    }

    private static CertificateStatus refusal(CertificateStatus.Verdict verdict, String subject, Instant at,
                                             boolean revocationChecked, String code, String... args) {
        return new CertificateStatus(verdict, subject, at, revocationChecked, code, List.of(args));
    }

    /** "Nguyễn Văn An (CCCD:001085012345)" — CN and UID, as a user recognises a certificate. */
    public static String displayName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        if (name.getRDNs(BCStyle.CN).length == 0) {
            return certificate.getSubjectX500Principal().getName();
        }
        String common = IETFUtils.valueToString(name.getRDNs(BCStyle.CN)[0].getFirst().getValue());
        return name.getRDNs(BCStyle.UID).length == 0 ? common
                : common + " (" + IETFUtils.valueToString(name.getRDNs(BCStyle.UID)[0].getFirst().getValue()) + ")";
    }

    /**
     * A critical extended key usage (time-stamping certificates must have one, RFC 3161 §2.3) is not an unknown
     * extension: the purpose is checked by whoever uses the certificate, not by the path.
     */
    private static final class ExtendedKeyUsageAccepted extends PKIXCertPathChecker {

        @Override
        public void init(boolean forward) {
        }

        @Override
        public boolean isForwardCheckingSupported() {
            return true;
        }

        @Override
        public Set<String> getSupportedExtensions() {
            return Set.of(EXTENDED_KEY_USAGE);
        }

        @Override
        public void check(Certificate certificate, Collection<String> unresolvedCriticalExtensions)
                throws java.security.cert.CertPathValidatorException {
            unresolvedCriticalExtensions.remove(EXTENDED_KEY_USAGE);
        }
    }
}
