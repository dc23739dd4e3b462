package org.vnemr.signing.tsa;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An RFC 3161 time-stamp client over HTTP ({@code application/timestamp-query} →
 * {@code application/timestamp-reply}). Each request carries a random nonce and asks for the TSA certificate; the
 * answer is accepted only if it is granted, matches our digest and nonce, is signed by a certificate with the
 * critical timeStamping purpose, and — when a {@link CertificateValidator} is given — that certificate is trusted at
 * the time it states.
 */
public final class HttpTimeStampClient implements TimeStampClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final Duration timeout;
    private final CertificateValidator validator;
    private final HttpClient http;

    /** @param validator checks the TSA's certificate, or {@code null} to accept any TSA certificate */
    public HttpTimeStampClient(URI url, Duration timeout, CertificateValidator validator) {
        this.url = url;
        this.timeout = timeout;
        this.validator = validator;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public byte[] timestamp(byte[] sha256Digest) {
        if (sha256Digest == null || sha256Digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256Digest,
                new BigInteger(64, RANDOM));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .header("Accept", "application/timestamp-reply")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SigningException(e, "VNEMR-4040", url.toString(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException(e, "VNEMR-4040", url.toString(), "interrupted");
        }
        if (response.statusCode() != 200) {
            throw new SigningException("VNEMR-4040", url.toString(), "HTTP " + response.statusCode());
        }
        TimeStampResponse answer;
        try {
            answer = new TimeStampResponse(response.body());
        } catch (TSPException | IOException e) {
            throw new SigningException(e, "VNEMR-4042", "not a TimeStampResp: " + e.getMessage());
        }
        if (answer.getStatus() > 1) { // 0 granted, 1 grantedWithMods
            throw new SigningException("VNEMR-4041", answer.getStatus(), String.valueOf(answer.getStatusString()));
        }
        try {
            answer.validate(request); // nonce, message imprint, policy, certReq
        } catch (TSPException e) {
            throw new SigningException(e, "VNEMR-4042", e.getMessage());
        }
        TimeStampToken token = answer.getTimeStampToken();
        verify(token);
        try {
            return token.getEncoded();
        } catch (IOException e) {
            throw new SigningException(e, "VNEMR-4042", e.getMessage());
        }
    }

    /** Checks a token's signature, its TSA certificate's purpose and, with a validator, its trust. */
    public void verify(TimeStampToken token) {
        try {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = token.getCertificates()
                    .getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
            if (matches.isEmpty()) {
                throw new SigningException("VNEMR-4042", "the token does not include the TSA certificate");
            }
            X509CertificateHolder holder = matches.iterator().next();
            // validate() also requires the certificate's critical extKeyUsage timeStamping (RFC 3161 §2.3)
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
            if (validator != null) {
                JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(converter.getCertificate(holder));
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> all = token.getCertificates().getMatches(null);
                for (X509CertificateHolder other : all) {
                    if (!other.equals(holder)) {
                        chain.add(converter.getCertificate(other));
                    }
                }
                CertificateStatus status = validator.check(chain, token.getTimeStampInfo().getGenTime().toInstant());
                if (!status.trusted()) {
                    throw new SigningException("VNEMR-4042", "TSA certificate: "
                            + org.vnemr.fhir.error.Messages.en(status.problemCode(), status.problemArgs().toArray()));
                }
            }
        } catch (SigningException e) {
            throw e;
        } catch (Exception e) {
            throw new SigningException(e, "VNEMR-4042", e.getMessage());
        }
    }
}
