package org.vnemr.signing.certs;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Asks the OCSP responder named in a certificate's Authority Information Access (RFC 6960): a request with a
 * nonce over HTTP POST, a response signed by the issuing CA or by a responder it delegated (extKeyUsage
 * OCSPSigning), for this serial, fresh now. Any doubt — no URL, network error, bad signature, stale answer,
 * "unknown" — gives an empty answer so the caller falls back to the CRL.
 */
final class OcspClient {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final Duration timeout;

    OcspClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    Optional<RevocationAnswer> ask(X509Certificate certificate, X509Certificate issuer, StringBuilder notes) {
        Optional<String> url = responderUrl(certificate);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonce))))
                    .build();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                    .timeout(timeout).header("Content-Type", "application/ocsp-request")
                    .header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                notes.append("OCSP ").append(url.get()).append(": HTTP ").append(response.statusCode()).append("; ");
                return Optional.empty();
            }
            OCSPResp ocsp = new OCSPResp(response.body());
            if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
                notes.append("OCSP ").append(url.get()).append(": status ").append(ocsp.getStatus()).append("; ");
                return Optional.empty();
            }
            BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
            if (!signedByIssuerOrDelegate(basic, issuer)) {
                notes.append("OCSP ").append(url.get()).append(": response signature not trusted; ");
                return Optional.empty();
            }
            Extension nonceBack = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonceBack != null && !Arrays.equals(nonceBack.getExtnValue().getOctets(),
                    new DEROctetString(nonce).getEncoded())
                    && !Arrays.equals(nonceBack.getExtnValue().getOctets(), nonce)) {
                notes.append("OCSP ").append(url.get()).append(": nonce mismatch; ");
                return Optional.empty();
            }
            Instant now = Instant.now();
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                if (single.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))
                        || (single.getNextUpdate() != null
                        && single.getNextUpdate().toInstant().isBefore(now.minus(CLOCK_SKEW)))) {
                    notes.append("OCSP ").append(url.get()).append(": stale answer; ");
                    return Optional.empty();
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return Optional.of(new RevocationAnswer(null, null, "OCSP " + url.get()));
                }
                if (status instanceof RevokedStatus revoked) {
                    return Optional.of(new RevocationAnswer(revoked.getRevocationTime().toInstant(),
                            RevocationAnswer.reasonName(revoked.hasRevocationReason() ? revoked.getRevocationReason() : 0),
                            "OCSP " + url.get()));
                }
                notes.append("OCSP ").append(url.get()).append(": unknown certificate; ");
                return Optional.empty();
            }
            notes.append("OCSP ").append(url.get()).append(": no answer for this serial; ");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            notes.append("OCSP ").append(url.get()).append(": ").append(e.getMessage()).append("; ");
            return Optional.empty();
        }
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer) throws Exception {
        if (signatureValid(basic, issuer)) {
            return true;
        }
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = new JcaX509CertificateConverter().getCertificate(holder);
            try {
                responder.verify(issuer.getPublicKey());
                responder.checkValidity();
            } catch (Exception e) {
                continue;
            }
            if (responder.getExtendedKeyUsage() != null
                    && responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                    && signatureValid(basic, responder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean signatureValid(BasicOCSPResp basic, X509Certificate signer) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()));
        } catch (Exception e) {
            return false; // e.g. a signature of another key size: simply not this signer
        }
    }

    static Optional<String> responderUrl(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets());
        for (AccessDescription description : access.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                String url = location.getName().toString();
                if (url.startsWith("http://") || url.startsWith("https://")) {
                    return Optional.of(url);
                }
            }
        }
        return Optional.empty();
    }
}
