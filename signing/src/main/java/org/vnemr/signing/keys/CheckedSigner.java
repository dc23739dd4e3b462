package org.vnemr.signing.keys;

import org.vnemr.signing.Signer;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A signer that checks its certificate (validity now, key usage, trust list, revocation) before it signs, as
 * NĐ 23/2025 Đ15 asks of the signer. A good answer is remembered for {@code recheckAfter} so that a batch of
 * fifty documents does not ask the OCSP responder fifty times; a refusal is never remembered.
 */
public final class CheckedSigner implements Signer {

    private final Signer signer;
    private final CertificateValidator validator;
    private final Clock clock;
    private final Duration recheckAfter;
    private volatile Instant trustedUntil = Instant.MIN;
    private volatile CertificateStatus lastStatus;

    public CheckedSigner(Signer signer, CertificateValidator validator, Clock clock, Duration recheckAfter) {
        this.signer = signer;
        this.validator = validator;
        this.clock = clock;
        this.recheckAfter = recheckAfter;
    }

    public CheckedSigner(Signer signer, CertificateValidator validator) {
        this(signer, validator, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    /** Checks now (or reuses a recent good answer); throws the VNEMR-403x refusal otherwise. */
    public CertificateStatus check() {
        Instant now = clock.instant();
        CertificateStatus status = lastStatus;
        if (status == null || now.isAfter(trustedUntil)) {
            status = validator.requireTrusted(signer.certificateChain(), now);
            lastStatus = status;
            trustedUntil = now.plus(recheckAfter);
        }
        return status;
    }

    /** The signer inside, e.g. to use {@link RemoteSigner#signAll} after {@link #check()}. */
    public Signer unwrap() {
        return signer;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return signer.certificateChain();
    }

    @Override
    public byte[] sign(byte[] data) {
        check();
        return signer.sign(data);
    }
}
