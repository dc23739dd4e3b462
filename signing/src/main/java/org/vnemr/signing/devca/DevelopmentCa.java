package org.vnemr.signing.devca;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A local certificate authority for demos and tests — <b>not for production</b>. Every certificate it signs says
 * so in its subject ({@value #NOT_FOR_PRODUCTION}), so a document signed with it can never pass for a legally
 * signed record. Production signers use certificates from a licensed Vietnamese CA (VNPT-CA, Viettel-CA, FPT-CA…)
 * in a keystore, token or remote-signing service instead.
 *
 * <p>The CA lives in a directory: {@code ca.p12} (root key, RSA 3072), {@code ca.pem} (root certificate, to put in
 * a trust list or give to {@code xmlsec1}/{@code pdfsig}), {@code crl.pem}/{@code crl.der} (the current CRL),
 * {@code devca.properties} (CRL and OCSP URLs written into issued certificates), {@code revoked.properties} and
 * {@code issued/<serial>.pem}. Issued user certificates are RSA 2048 / SHA256withRSA like those of Vietnamese CAs,
 * with the personal ID as {@code UID=CCCD:<12 digits>}.
 */
public final class DevelopmentCa {

    public static final String NOT_FOR_PRODUCTION = "NOT FOR PRODUCTION / KHÔNG DÙNG CHO MÔI TRƯỜNG THẬT";
    public static final String KEY_ALIAS = "signing";
    /** RFC 9336 id-kp-documentSigning. */
    public static final KeyPurposeId DOCUMENT_SIGNING = KeyPurposeId.getInstance(
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

    private static final String CA_KEYSTORE = "ca.p12";
    private static final String CA_PEM = "ca.pem";
    private static final String SETTINGS = "devca.properties";
    private static final String REVOKED = "revoked.properties";
    private static final String ISSUED = "issued";
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Properties settings;

    private DevelopmentCa(Path directory, PrivateKey caKey, X509Certificate caCertificate, Properties settings) {
        this.directory = directory;
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.settings = settings;
    }

    /**
     * Creates a new CA in {@code directory} (created if needed, refused if it already holds one).
     *
     * @param crlUrl   written as CRL distribution point into issued certificates, or {@code null}
     * @param ocspUrl  written as OCSP responder (AIA) into issued certificates, or {@code null}
     */
    public static DevelopmentCa init(Path directory, char[] password, URI crlUrl, URI ocspUrl) {
        try {
            if (Files.exists(directory.resolve(CA_KEYSTORE))) {
                throw new SigningException("VNEMR-4000", directory.toString());
            }
            Files.createDirectories(directory.resolve(ISSUED));
            KeyPair pair = generateRsa(3072);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.O, "vnemr development CA")
                    .addRDN(BCStyle.OU, NOT_FOR_PRODUCTION)
                    .addRDN(BCStyle.CN, "vnemr Development Root CA (" + NOT_FOR_PRODUCTION + ")")
                    .build();
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, randomSerial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = toCertificate(builder.build(signer(pair.getPrivate())));

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ca", pair.getPrivate(), password, new X509Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(directory.resolve(CA_KEYSTORE))) {
                store.store(out, password);
            }
            Files.writeString(directory.resolve(CA_PEM), pem(List.of(certificate)));
            Properties settings = new Properties();
            if (crlUrl != null) {
                settings.setProperty("crl.url", crlUrl.toString());
            }
            if (ocspUrl != null) {
                settings.setProperty("ocsp.url", ocspUrl.toString());
            }
            storeProperties(settings, directory.resolve(SETTINGS), "vnemr development CA — " + NOT_FOR_PRODUCTION);
            Files.writeString(directory.resolve("README.txt"), "vnemr development CA. " + NOT_FOR_PRODUCTION
                    + "\nCertificates issued here are for demos and tests only; they carry this mark in their"
                    + " subject and must never be trusted in production.\n", StandardCharsets.UTF_8);
            DevelopmentCa ca = new DevelopmentCa(directory, pair.getPrivate(), certificate, settings);
            ca.publishCrl();
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the development CA", e);
        }
    }

    /** Opens an existing CA directory. */
    public static DevelopmentCa open(Path directory, char[] password) {
        Path keystore = directory.resolve(CA_KEYSTORE);
        if (!Files.isRegularFile(keystore)) {
            throw new SigningException("VNEMR-4001", directory.toString());
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PrivateKey key = (PrivateKey) store.getKey("ca", password);
            X509Certificate certificate = (X509Certificate) store.getCertificate("ca");
            return new DevelopmentCa(directory, key, certificate, loadProperties(directory.resolve(SETTINGS)));
        } catch (IOException e) {
            throw new SigningException(e, "VNEMR-4002", keystore.toString());
        } catch (GeneralSecurityException e) {
            throw new SigningException(e, "VNEMR-4002", keystore.toString());
        }
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    public Path directory() {
        return directory;
    }

    public Path certificatePem() {
        return directory.resolve(CA_PEM);
    }

    public Path crlPem() {
        return directory.resolve("crl.pem");
    }

    public Path crlDer() {
        return directory.resolve("crl.der");
    }

    /**
     * Makes a certificate with a fresh RSA 2048 key and writes {@code <fileStem>.p12} (key + chain, protected by
     * {@code pin}) and {@code <fileStem>.pem} (chain) — relative stems go under {@code users/} of the CA
     * directory.
     */
    public IssuedCertificate issue(CertificateProfile profile, String fileStem, char[] pin) {
        return issue(profile, generateRsa(2048), fileStem, pin);
    }

    /** Like {@link #issue(CertificateProfile, String, char[])} for a key made elsewhere (e.g. on a token). */
    public IssuedCertificate issue(CertificateProfile profile, KeyPair keyPair, String fileStem, char[] pin) {
        try {
            X509Certificate certificate = certify(profile, keyPair.getPublic());
            List<X509Certificate> chain = List.of(certificate, caCertificate);
            Path stem = directory.resolve("users").resolve(fileStem);
            Files.createDirectories(stem.toAbsolutePath().getParent());
            Path p12 = stem.resolveSibling(stem.getFileName() + ".p12");
            Path pemFile = stem.resolveSibling(stem.getFileName() + ".pem");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, keyPair.getPrivate(), pin, chain.toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(p12)) {
                store.store(out, pin);
            }
            Files.writeString(pemFile, pem(chain));
            return new IssuedCertificate(keyPair.getPrivate(), chain, p12, pemFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the issued certificate", e);
        }
    }

    /** Makes a certificate for {@code publicKey} (no files besides {@code issued/<serial>.pem}). */
    public X509Certificate certify(CertificateProfile profile, PublicKey publicKey) {
        try {
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.O, "vnemr development CA")
                    .addRDN(BCStyle.OU, NOT_FOR_PRODUCTION)
                    .addRDN(BCStyle.CN, profile.commonName());
            if (profile.personalId() != null) {
                subject.addRDN(BCStyle.UID, "CCCD:" + profile.personalId());
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            BigInteger serial = randomSerial();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial,
                    Date.from(profile.notBefore()), Date.from(profile.notAfter()), subject.build(), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(caCertificate));
            switch (profile.purpose()) {
                case DOCUMENT_SIGNING -> builder
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection, DOCUMENT_SIGNING}));
                case ENCRYPTION_ONLY -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
                case TIME_STAMPING -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, true,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                case OCSP_SIGNING -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            }
            if (profile.email() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, profile.email())));
            }
            String crlUrl = settings.getProperty("crl.url");
            if (crlUrl != null) {
                GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        new DERIA5String(crlUrl)));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(names), null, null)}));
            }
            String ocspUrl = settings.getProperty("ocsp.url");
            if (ocspUrl != null && profile.purpose() != CertificateProfile.Purpose.OCSP_SIGNING) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
            }
            X509Certificate certificate = toCertificate(builder.build(signer(caKey)));
            Files.writeString(directory.resolve(ISSUED).resolve(serial.toString(16) + ".pem"),
                    pem(List.of(certificate)));
            return certificate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue the certificate", e);
        }
    }

    /** Whether {@code serial} was issued by this CA (an OCSP responder answers "unknown" otherwise). */
    public boolean hasIssued(BigInteger serial) {
        return Files.isRegularFile(directory.resolve(ISSUED).resolve(serial.toString(16) + ".pem"));
    }

    /**
     * Revokes a certificate from {@code revokedAt} with an RFC 5280 reason code (1 keyCompromise, 4 superseded,
     * 5 cessationOfOperation…) and publishes a new CRL.
     */
    public synchronized void revoke(X509Certificate certificate, Instant revokedAt, int reason) {
        Properties revoked = loadProperties(directory.resolve(REVOKED));
        revoked.setProperty(certificate.getSerialNumber().toString(16), revokedAt.toEpochMilli() + "," + reason);
        storeProperties(revoked, directory.resolve(REVOKED), "serial (hex) = revoked at (epoch ms), reason code");
        publishCrl();
    }

    /** The revocation of {@code serial}, if it was revoked. */
    public Optional<Revocation> revocation(BigInteger serial) {
        return Optional.ofNullable(revocations().get(serial));
    }

    /** A revoked serial: since when and why (RFC 5280 CRLReason code). */
    public record Revocation(Instant revokedAt, int reason) {
    }

    /** Signs and writes a new CRL (valid 7 days) with every revoked certificate; returns it. */
    public synchronized X509CRL publishCrl() {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            for (Map.Entry<BigInteger, Revocation> entry : revocations().entrySet()) {
                builder.addCRLEntry(entry.getKey(), Date.from(entry.getValue().revokedAt()),
                        entry.getValue().reason());
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
            builder.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(signer(caKey)));
            Files.write(crlDer(), crl.getEncoded());
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(crl);
            }
            Files.writeString(crlPem(), text.toString());
            return crl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign the CRL", e);
        }
    }

    /** The CRL last published. */
    public X509CRL currentCrl() {
        try (InputStream in = Files.newInputStream(crlDer())) {
            return (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code certificate} carries the development-CA mark in its subject or issuer. */
    public static boolean isDevelopmentCertificate(X509Certificate certificate) {
        return hasMark(certificate.getSubjectX500Principal().getEncoded())
                || hasMark(certificate.getIssuerX500Principal().getEncoded());
    }

    private static boolean hasMark(byte[] encodedName) {
        for (RDN rdn : X500Name.getInstance(encodedName).getRDNs(BCStyle.OU)) {
            if (NOT_FOR_PRODUCTION.equals(IETFUtils.valueToString(rdn.getFirst().getValue()))) {
                return true;
            }
        }
        return false;
    }

    /** PEM text of certificates, for files other tools read. */
    public static String pem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static KeyPair generateRsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<BigInteger, Revocation> revocations() {
        Map<BigInteger, Revocation> all = new TreeMap<>();
        loadProperties(directory.resolve(REVOKED)).forEach((serial, value) -> {
            String[] parts = value.toString().split(",");
            all.put(new BigInteger(serial.toString(), 16),
                    new Revocation(Instant.ofEpochMilli(Long.parseLong(parts[0])), Integer.parseInt(parts[1])));
        });
        return all;
    }

    private static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void storeProperties(Properties properties, Path file, String comment) {
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serials issued so far (hex file names under {@code issued/}), for listings. */
    public List<BigInteger> issuedSerials() {
        List<BigInteger> serials = new ArrayList<>();
        try (var files = Files.list(directory.resolve(ISSUED))) {
            files.forEach(f -> serials.add(new BigInteger(f.getFileName().toString().replace(".pem", ""), 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serials;
    }
}
