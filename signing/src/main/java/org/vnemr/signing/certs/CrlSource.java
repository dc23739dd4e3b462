package org.vnemr.signing.certs;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificate revocation lists: downloaded from a certificate's CRL distribution points (online) and read from
 * configured files (online and offline — a CRL copied next to an export lets it be verified without network).
 * A CRL counts only if the issuer signed it and it is still current; downloads are kept until their nextUpdate.
 */
final class CrlSource {

    private final HttpClient http;
    private final java.time.Duration timeout;
    private final List<Path> files;
    private final Map<String, X509CRL> downloaded = new ConcurrentHashMap<>();

    CrlSource(HttpClient http, java.time.Duration timeout, List<Path> files) {
        this.http = http;
        this.timeout = timeout;
        this.files = List.copyOf(files);
    }

    Optional<RevocationAnswer> fromFiles(X509Certificate certificate, X509Certificate issuer, StringBuilder notes) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    Optional<RevocationAnswer> answer = lookUp((X509CRL) crl, certificate, issuer, "CRL file " + file, notes);
                    if (answer.isPresent()) {
                        return answer;
                    }
                }
            } catch (Exception e) {
                notes.append("CRL file ").append(file).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return Optional.empty();
    }

    Optional<RevocationAnswer> fromDistributionPoints(X509Certificate certificate, X509Certificate issuer,
                                                      StringBuilder notes) {
        for (String url : distributionPoints(certificate)) {
            try {
                X509CRL crl = downloaded.get(url);
                if (crl == null || crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(Instant.now())) {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                            .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        notes.append("CRL ").append(url).append(": HTTP ").append(response.statusCode()).append("; ");
                        continue;
                    }
                    crl = (X509CRL) CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(response.body()));
                    downloaded.put(url, crl);
                }
                Optional<RevocationAnswer> answer = lookUp(crl, certificate, issuer, "CRL " + url, notes);
                if (answer.isPresent()) {
                    return answer;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception e) {
                notes.append("CRL ").append(url).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return Optional.empty();
    }

    private static Optional<RevocationAnswer> lookUp(X509CRL crl, X509Certificate certificate, X509Certificate issuer,
                                                     String source, StringBuilder notes) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return Optional.empty();
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (Exception e) {
            notes.append(source).append(": not signed by the issuer; ");
            return Optional.empty();
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(Instant.now())) {
            notes.append(source).append(": expired CRL (nextUpdate ").append(crl.getNextUpdate().toInstant()).append("); ");
            return Optional.empty();
        }
        X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
        if (entry == null) {
            return Optional.of(new RevocationAnswer(null, null, source));
        }
        String reason = entry.getRevocationReason() == null ? "unspecified"
                : RevocationAnswer.reasonName(entry.getRevocationReason().ordinal());
        return Optional.of(new RevocationAnswer(entry.getRevocationDate().toInstant(), reason, source));
    }

    static List<String> distributionPoints(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return urls;
        }
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String url = general.getName().toString();
                    if (url.startsWith("http://") || url.startsWith("https://")) {
                        urls.add(url);
                    }
                }
            }
        }
        return urls;
    }
}
