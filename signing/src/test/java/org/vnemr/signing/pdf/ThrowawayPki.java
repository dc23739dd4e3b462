package org.vnemr.signing.pdf;

import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.vnemr.signing.Signer;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.tsa.TimeStampClient;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away PKI for tests: a root CA, user certificates it issues (valid, expired, not yet valid), a
 * self-signed stranger, a certificate validator trusting only the root (with a revocation set), and an
 * in-process RFC 3161 time-stamp authority. Real RSA 2048 keys and real X.509 — nothing is faked but the
 * trust list.
 */
public final class ThrowawayPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static ThrowawayPki shared;

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final Set<BigInteger> revoked = new HashSet<>();

    private ThrowawayPki() {
        rootKeys = rsa();
        Instant now = Instant.now();
        root = certificate("CN=vnemr Test Root CA (KHÔNG DÙNG THẬT), O=vnemr tests", rootKeys,
                new X500Name("CN=vnemr Test Root CA (KHÔNG DÙNG THẬT), O=vnemr tests"),
                rootKeys.getPrivate(), now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), true, false);
    }

    /** One PKI per test JVM: key generation is the slow part. */
    public static synchronized ThrowawayPki shared() {
        if (shared == null) {
            shared = new ThrowawayPki();
        }
        return shared;
    }

    public X509Certificate root() {
        return root;
    }

    /** A signer with a certificate valid from yesterday for a year, issued by the root. */
    public KeyPairSigner signer(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    public KeyPairSigner expiredSigner(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
    }

    public KeyPairSigner notYetValidSigner(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(400)));
    }

    /** A certificate from a CA nobody configured. */
    public KeyPairSigner untrustedSigner(String commonName) {
        KeyPair keys = rsa();
        Instant now = Instant.now();
        String dn = "CN=" + commonName + ", O=Unknown CA";
        X509Certificate self = certificate(dn, keys, new X500Name(dn), keys.getPrivate(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), false, false);
        return new KeyPairSigner(keys.getPrivate(), List.of(self));
    }

    public KeyPairSigner revokedSigner(String commonName) {
        KeyPairSigner signer = signer(commonName);
        synchronized (revoked) {
            revoked.add(signer.certificate().getSerialNumber());
        }
        return signer;
    }

    private KeyPairSigner issue(String commonName, Instant from, Instant to) {
        KeyPair keys = rsa();
        X509Certificate cert = certificate("CN=" + commonName + ", O=Bệnh viện thử nghiệm, C=VN", keys,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKeys.getPrivate(), from, to, false, false);
        return new KeyPairSigner(keys.getPrivate(), List.of(cert, root));
    }

    /** Trusts chains ending at this PKI's root; checks validity period, key usage and the revocation set. */
    public CertificateValidator validator() {
        return (chain, at) -> {
            X509Certificate leaf = chain.get(0);
            String subject = leaf.getSubjectX500Principal().getName();
            if (at.isAfter(leaf.getNotAfter().toInstant())) {
                return status(CertificateStatus.Verdict.EXPIRED, subject, at, "VNEMR-4110", subject);
            }
            if (at.isBefore(leaf.getNotBefore().toInstant())) {
                return status(CertificateStatus.Verdict.NOT_YET_VALID, subject, at, "VNEMR-4111", subject);
            }
            boolean[] usage = leaf.getKeyUsage();
            if (usage == null || !(usage[0] || usage[1])) {
                return status(CertificateStatus.Verdict.WRONG_KEY_USAGE, subject, at, "VNEMR-4114", subject);
            }
            X509Certificate last = chain.get(chain.size() - 1);
            boolean chained = true;
            for (int i = 0; i + 1 < chain.size(); i++) {
                try {
                    chain.get(i).verify(chain.get(i + 1).getPublicKey());
                } catch (GeneralSecurityException e) {
                    chained = false;
                }
            }
            if (!chained || !last.equals(root)) {
                return status(CertificateStatus.Verdict.UNTRUSTED, subject, at, "VNEMR-4113", subject);
            }
            synchronized (revoked) {
                if (revoked.contains(leaf.getSerialNumber())) {
                    return status(CertificateStatus.Verdict.REVOKED, subject, at, "VNEMR-4112", subject);
                }
            }
            return new CertificateStatus(CertificateStatus.Verdict.TRUSTED, subject, at, true, null, List.of());
        };
    }

    private static CertificateStatus status(CertificateStatus.Verdict verdict, String subject, Instant at, String code,
                                            String arg) {
        return new CertificateStatus(verdict, subject, at, true, code, List.of(arg));
    }

    /** An in-process RFC 3161 TSA with its own key and certificate (extended key usage time-stamping). */
    public TimeStampClient timeStampAuthority() {
        KeyPair keys = rsa();
        Instant now = Instant.now();
        X509Certificate cert = certificate("CN=vnemr Test TSA", keys, X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                rootKeys.getPrivate(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), false, true);
        return digest -> {
            try {
                TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", keys.getPrivate(), cert),
                        new JcaDigestCalculatorProviderBuilder().build().get(
                                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
                generator.addCertificates(new JcaCertStore(List.of(cert)));
                TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
                requests.setCertReq(true);
                var request = requests.generate(TSPAlgorithms.SHA256, digest,
                        BigInteger.valueOf(SERIAL.incrementAndGet()));
                TimeStampResponse response = new TimeStampResponseGenerator(generator, TSPAlgorithms.ALLOWED)
                        .generate(request, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date());
                if (response.getStatus() != PKIStatus.GRANTED) {
                    throw new IllegalStateException("TSA refused: " + response.getStatusString());
                }
                return response.getTimeStampToken().getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                               Instant from, Instant to, boolean ca, boolean tsa) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                    new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else if (tsa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            }
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link Signer} over a key in memory. */
    public static final class KeyPairSigner implements Signer {

        private final PrivateKey key;
        private final List<X509Certificate> chain;

        public KeyPairSigner(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = List.copyOf(chain);
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return chain;
        }

        public PrivateKey privateKey() {
            return key;
        }

        @Override
        public byte[] sign(byte[] data) {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
