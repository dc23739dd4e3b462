package org.vnemr.signing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.IssuedCertificate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RFC 3161 time-stamp authority for tests ({@code POST /tsa}), with a time-stamping certificate from the test
 * PKI. It can be told to misbehave: answer with another nonce, or refuse.
 */
public final class TimeStampServer implements AutoCloseable {

    /** The TSA policy of the test server. */
    public static final String POLICY = "1.3.6.1.4.1.99999.1.1";

    private final HttpServer server;
    private final IssuedCertificate tsa;
    private final AtomicLong serial = new AtomicLong(1);
    private volatile boolean wrongNonce;
    private volatile boolean refuse;

    private TimeStampServer(IssuedCertificate tsa) throws IOException {
        this.tsa = tsa;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsa", this::handle);
        server.start();
    }

    public static TimeStampServer start(TestPki pki) {
        try {
            return new TimeStampServer(pki.user("tsa", () -> CertificateProfile.service("vnemr test TSA",
                    CertificateProfile.Purpose.TIME_STAMPING)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    public IssuedCertificate certificate() {
        return tsa;
    }

    public void wrongNonce(boolean on) {
        wrongNonce = on;
    }

    public void refuse(boolean on) {
        refuse = on;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try {
                TimeStampRequest request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                if (wrongNonce) {
                    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
                    generator.setCertReq(true);
                    request = generator.generate(request.getMessageImprintAlgOID(), request.getMessageImprintDigest(),
                            request.getNonce().add(BigInteger.ONE));
                }
                TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", tsa.privateKey(),
                                tsa.certificate()),
                        new JcaDigestCalculatorProviderBuilder().build()
                                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                        new ASN1ObjectIdentifier(POLICY));
                tokens.addCertificates(new JcaCertStore(tsa.chain()));
                TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
                body = refuse
                        ? responses.generateRejectedResponse(new Exception("policy refused in test")).getEncoded()
                        : responses.generate(request, BigInteger.valueOf(serial.getAndIncrement()), new Date())
                        .getEncoded();
            } catch (Exception e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
