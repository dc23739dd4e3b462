package org.vnemr.signing.pdf;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.cert.X509CertificateHolder;
import org.vnemr.signing.Signer;
import org.vnemr.signing.tsa.TimeStampClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * A detached CMS SignedData as PAdES (ETSI EN 319 142-1) wants it: SHA-256, RSA via the {@link Signer} (which
 * never shows the key), signed attributes content-type, message-digest and signing-certificate-v2 and no
 * signing-time (the PDF signature dictionary's /M carries the claimed time), the signer's chain embedded, and —
 * for baseline-T — an RFC 3161 signature time-stamp as unsigned attribute.
 */
final class CmsSignatureBuilder {

    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption);

    private CmsSignatureBuilder() {
    }

    static byte[] sign(byte[] content, Signer signer, TimeStampClient tsa) {
        try {
            List<X509Certificate> chain = signer.certificateChain();
            X509CertificateHolder signing = new X509CertificateHolder(chain.get(0).getEncoded());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            CMSAttributeTableGenerator signed = new PadesSignedAttributes(signingCertificateV2(signing));
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new BcDigestCalculatorProvider())
                    .setSignedAttributeGenerator(signed)
                    .build(new DelegatingContentSigner(signer), signing));
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData data = generator.generate(new CMSProcessableByteArray(content), false);
            if (tsa != null) {
                data = withSignatureTimeStamp(data, tsa);
            }
            return data.getEncoded("DER");
        } catch (CMSException | IOException | CertificateEncodingException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Could not build the CMS signature", e);
        }
    }

    private static CMSSignedData withSignatureTimeStamp(CMSSignedData data, TimeStampClient tsa) throws IOException {
        SignerInformation signerInfo = data.getSignerInfos().getSigners().iterator().next();
        byte[] token = tsa.timestamp(sha256(signerInfo.getSignature()));
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token)));
        ASN1EncodableVector unsigned = new ASN1EncodableVector();
        unsigned.add(attribute);
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signerInfo,
                new AttributeTable(unsigned));
        return CMSSignedData.replaceSigners(data, new SignerInformationStore(stamped));
    }

    private static Attribute signingCertificateV2(X509CertificateHolder certificate) throws IOException {
        // ESSCertIDv2 with SHA-256 (the default algorithm, so it is omitted in DER) and the issuer + serial
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(certificate.getIssuer())),
                certificate.getSerialNumber());
        ESSCertIDv2 id = new ESSCertIDv2(sha256(certificate.getEncoded()), issuerSerial);
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default attributes minus signing-time, plus signing-certificate-v2. */
    private static final class PadesSignedAttributes implements CMSAttributeTableGenerator {

        private final DefaultSignedAttributeTableGenerator defaults;

        PadesSignedAttributes(Attribute signingCertificate) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(signingCertificate);
            this.defaults = new DefaultSignedAttributeTableGenerator(new AttributeTable(v));
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public AttributeTable getAttributes(Map parameters) {
            return defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
        }
    }

    /** Hands the DER of the signed attributes to the {@link Signer}; the key stays where it is. */
    private static final class DelegatingContentSigner implements ContentSigner {

        private final Signer signer;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        DelegatingContentSigner(Signer signer) {
            this.signer = signer;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return SHA256_WITH_RSA;
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            return signer.sign(buffer.toByteArray());
        }
    }
}
