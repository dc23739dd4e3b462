package org.vnemr.signing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CA's revocation services for tests: {@code GET /crl} serves the development CA's current CRL and
 * {@code POST /ocsp} answers OCSP requests (RFC 6960) signed by a delegated responder certificate, good / revoked /
 * unknown from the CA's own records. Either service can be switched off to test the fallback and the "unknown"
 * refusal. Start it before the CA (its URLs go into the certificates), then {@link #serve} the CA.
 */
public final class RevocationServer implements AutoCloseable {

    private final HttpServer server;
    private volatile DevelopmentCa ca;
    private volatile IssuedCertificate responder;
    private volatile boolean ocspOn = true;
    private volatile boolean crlOn = true;
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private final AtomicInteger crlRequests = new AtomicInteger();

    private RevocationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/crl", this::crl);
        server.createContext("/ocsp", this::ocsp);
        server.start();
    }

    public static RevocationServer start() {
        try {
            return new RevocationServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test PKI whose certificates point here, with this server answering for its CA. */
    public static TestPki startWithPki(RevocationServer[] holder) {
        RevocationServer server = start();
        TestPki pki = TestPki.create(server.crlUrl(), server.ocspUrl());
        server.serve(pki.ca());
        holder[0] = server;
        return pki;
    }

    public URI crlUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crl");
    }

    public URI ocspUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    public void serve(DevelopmentCa developmentCa) {
        this.ca = developmentCa;
        this.responder = developmentCa.issue(CertificateProfile.service("vnemr test OCSP responder",
                CertificateProfile.Purpose.OCSP_SIGNING), "ocsp-responder", TestPki.PIN);
    }

    public void ocspOn(boolean on) {
        ocspOn = on;
    }

    public void crlOn(boolean on) {
        crlOn = on;
    }

    public int ocspRequests() {
        return ocspRequests.get();
    }

    public int crlRequests() {
        return crlRequests.get();
    }

    private void crl(HttpExchange exchange) throws IOException {
        try (exchange) {
            crlRequests.incrementAndGet();
            if (!crlOn || ca == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = Files.readAllBytes(ca.crlDer());
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void ocsp(HttpExchange exchange) throws IOException {
        try (exchange) {
            ocspRequests.incrementAndGet();
            if (!ocspOn || ca == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body;
            try {
                body = answer(new OCSPReq(exchange.getRequestBody().readAllBytes())).getEncoded();
            } catch (Exception e) {
                body = new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private OCSPResp answer(OCSPReq request) throws Exception {
        X509CertificateHolder responderHolder = new JcaX509CertificateHolder(responder.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responderHolder.getSubject()));
        Date now = new Date();
        Date next = new Date(now.getTime() + 3_600_000);
        for (Req single : request.getRequestList()) {
            var id = single.getCertID();
            boolean ours = id.matchesIssuer(new JcaX509CertificateHolder(ca.certificate()),
                    new JcaDigestCalculatorProviderBuilder().build());
            CertificateStatus status;
            if (!ours || !ca.hasIssued(id.getSerialNumber())) {
                status = new UnknownStatus();
            } else {
                status = ca.revocation(id.getSerialNumber())
                        .<CertificateStatus>map(r -> new RevokedStatus(Date.from(r.revokedAt()), r.reason()))
                        .orElse(CertificateStatus.GOOD);
            }
            builder.addResponse(id, status, now, next);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        var basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(responder.privateKey()),
                new X509CertificateHolder[] {responderHolder}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Reason code of key compromise, for revocations in tests. */
    public static final int KEY_COMPROMISE = CRLReason.keyCompromise;
}
