package org.vnemr.signing.xml;

import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.Constants;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks enveloped XML signatures: SignatureValue over SignedInfo with the KeyInfo certificate, each reference's
 * digest (a mismatch means the document changed since signing), and the certificate with the
 * {@link CertificateValidator} at the signed signing time. Santuario's secure validation is on (no XSLT, limited
 * transforms and references, no external URIs), and input is parsed by {@link SecureXml}.
 */
public final class XmlSignatureVerifier {

    static {
        Init.init();
    }

    private final CertificateValidator validator;
    private final Clock clock;

    public XmlSignatureVerifier(CertificateValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public XmlSignatureVerifier(CertificateValidator validator) {
        this(validator, Clock.systemUTC());
    }

    /** Every signature of the document, in document order; empty when it has none. */
    public List<XmlVerification> verifyAll(byte[] xml) {
        return verifyAll(SecureXml.parse(xml));
    }

    public List<XmlVerification> verifyAll(Document document) {
        NodeList signatures = document.getElementsByTagNameNS(Constants.SignatureSpecNS, "Signature");
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < signatures.getLength(); i++) {
            elements.add((Element) signatures.item(i));
        }
        List<XmlVerification> results = new ArrayList<>();
        for (Element element : elements) {
            results.add(verify(element));
        }
        return results;
    }

    /** The one signature of the document; a document without one gives VNEMR-4052. */
    public XmlVerification verify(byte[] xml) {
        List<XmlVerification> all = verifyAll(xml);
        if (all.isEmpty()) {
            return new XmlVerification(false, false, null, List.of(), null, null, "VNEMR-4052", List.of());
        }
        return all.get(0);
    }

    private XmlVerification verify(Element element) {
        markIds(element);
        XMLSignature signature;
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate signer;
        try {
            signature = new XMLSignature(element, "", true);
            KeyInfo keyInfo = signature.getKeyInfo();
            signer = keyInfo == null ? null : keyInfo.getX509Certificate();
            if (signer == null) {
                return new XmlVerification(false, false, null, List.of(), null, null, "VNEMR-4053",
                        List.of("no X509Certificate in KeyInfo"));
            }
            chain.add(signer);
            for (int i = 0; i < keyInfo.lengthX509Data(); i++) {
                X509Data data = keyInfo.itemX509Data(i);
                for (int j = 0; j < data.lengthCertificate(); j++) {
                    X509Certificate certificate = data.itemCertificate(j).getX509Certificate();
                    if (!chain.contains(certificate)) {
                        chain.add(certificate);
                    }
                }
            }
        } catch (XMLSecurityException e) {
            return new XmlVerification(false, false, null, List.of(), null, null, "VNEMR-4053",
                    List.of(String.valueOf(e.getMessage())));
        }
        Instant signingTime = signingTime(element);
        boolean intact;
        try {
            intact = signature.checkSignatureValue(signer);
        } catch (XMLSecurityException e) {
            intact = false;
        }
        if (!coversWholeDocument(signature.getSignedInfo())) {
            return new XmlVerification(false, false, signer, chain, signingTime, null, "VNEMR-4053",
                    List.of("no reference to the whole document (URI=\"\")"));
        }
        String changedReference = changedReference(signature.getSignedInfo());
        if (changedReference != null) {
            return new XmlVerification(false, false, signer, chain, signingTime, null, "VNEMR-4054",
                    List.of(changedReference));
        }
        if (!intact) {
            return new XmlVerification(false, true, signer, chain, signingTime, null, "VNEMR-4053",
                    List.of("SignatureValue does not match SignedInfo"));
        }
        CertificateStatus status = validator.check(chain, signingTime != null ? signingTime : clock.instant());
        return new XmlVerification(true, true, signer, chain, signingTime, status,
                status.trusted() ? null : status.problemCode(), status.trusted() ? List.of() : status.problemArgs());
    }

    /** An enveloped signature must sign the whole document, not only its own objects. */
    private static boolean coversWholeDocument(SignedInfo signedInfo) {
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                if (signedInfo.item(i).getURI().isEmpty()) {
                    return true;
                }
            }
        } catch (XMLSecurityException e) {
            return false;
        }
        return false;
    }

    /** The URI of the first reference whose digest no longer matches, or {@code null}. */
    private static String changedReference(SignedInfo signedInfo) {
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                Reference reference = signedInfo.item(i);
                if (!reference.verify()) {
                    return reference.getURI().isEmpty() ? "(whole document)" : reference.getURI();
                }
            }
            return null;
        } catch (XMLSecurityException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Instant signingTime(Element signature) {
        NodeList times = signature.getElementsByTagNameNS(XmlSigner.VNEMR_NS, XmlSigner.SIGNING_TIME);
        if (times.getLength() == 0) {
            return null;
        }
        try {
            return Instant.parse(times.item(0).getTextContent().trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A parsed document knows no ID attributes (there is no DTD); same-document references like
     * {@code #vnemr-sig-…-time} resolve only after the {@code Id} attributes inside the signature are declared.
     * Only the signature's own subtree is marked, so a reference cannot be pointed at a look-alike elsewhere.
     */
    private static void markIds(Element element) {
        if (element.hasAttributeNS(null, "Id")) {
            element.setIdAttributeNS(null, "Id", true);
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element childElement) {
                markIds(childElement);
            }
        }
    }

}
