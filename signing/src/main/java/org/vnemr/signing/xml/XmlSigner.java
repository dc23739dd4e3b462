package org.vnemr.signing.xml;

import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.SignatureProperties;
import org.apache.xml.security.signature.SignatureProperty;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Enveloped XML-DSig with RSA-SHA256 and SHA-256 digests, as Vietnamese insurance XML is signed: one reference to
 * the whole document ({@code URI=""}, enveloped-signature + C14N transforms), a second one to a
 * {@code ds:Object} holding the signing time, and {@code KeyInfo/X509Data} with the signer's certificate and its
 * intermediates. The private key is never needed here: SignedInfo is canonicalized and handed to the
 * {@link Signer} (keystore, token or remote CA), whose SHA256withRSA value becomes {@code SignatureValue}.
 */
public final class XmlSigner {

    /** Namespace of the signing-time element inside {@code ds:SignatureProperty}. */
    public static final String VNEMR_NS = "urn:vnemr:signature:1";
    static final String SIGNING_TIME = "SigningTime";
    private static final String OBJECT_TYPE = "http://www.w3.org/2000/09/xmldsig#Object";

    static {
        Init.init();
    }

    private final XmlSignatureOptions options;
    private final Clock clock;

    public XmlSigner(XmlSignatureOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public XmlSigner(XmlSignatureOptions options) {
        this(options, Clock.systemUTC());
    }

    /** Parses (hardened), signs and serializes (UTF-8). */
    public byte[] signEnveloped(byte[] xml, Signer signer) {
        Document document = SecureXml.parse(xml);
        signEnveloped(document, signer);
        return SecureXml.serialize(document);
    }

    /** Signs {@code document} in place and returns the {@code ds:Signature} element. */
    public Element signEnveloped(Document document, Signer signer) {
        Element parent = parentOf(document);
        try {
            String c14n = options.canonicalization().uri();
            String id = "vnemr-sig-" + UUID.randomUUID();
            XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, c14n);
            signature.setId(id);
            parent.appendChild(signature.getElement());

            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(c14n);
            signature.addDocument("", transforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);

            if (options.signingTime()) {
                Instant now = clock.instant();
                ObjectContainer object = new ObjectContainer(document);
                object.setId(id + "-time");
                SignatureProperties properties = new SignatureProperties(document);
                SignatureProperty property = new SignatureProperty(document, "#" + id);
                Element time = document.createElementNS(VNEMR_NS, "vnemr:" + SIGNING_TIME);
                time.setAttributeNS(Constants.NamespaceSpecNS, "xmlns:vnemr", VNEMR_NS);
                time.setTextContent(now.toString());
                property.getElement().appendChild(time);
                properties.addSignatureProperty(property);
                object.appendChild(properties.getElement());
                signature.appendObject(object);
                Transforms objectTransforms = new Transforms(document);
                objectTransforms.addTransform(c14n);
                signature.addDocument("#" + id + "-time", objectTransforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256,
                        null, OBJECT_TYPE);
            }

            X509Data data = new X509Data(document);
            for (X509Certificate certificate : signer.certificateChain()) {
                if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                    data.addCertificate(certificate); // the root comes from the verifier's trust list
                }
            }
            signature.getKeyInfo().add(data);

            signature.getSignedInfo().generateDigestValues();
            byte[] signedInfo = signature.getSignedInfo().getCanonicalizedOctetStream();
            byte[] value = signer.sign(signedInfo);
            NodeList values = signature.getElement().getElementsByTagNameNS(Constants.SignatureSpecNS, "SignatureValue");
            values.item(0).setTextContent(Base64.getEncoder().encodeToString(value));
            return signature.getElement();
        } catch (XMLSecurityException | java.io.IOException e) {
            throw new SigningException(e, "VNEMR-4053", e.getMessage());
        }
    }

    private Element parentOf(Document document) {
        Element root = document.getDocumentElement();
        if (options.parentElement() == null) {
            return root;
        }
        NodeList found = document.getElementsByTagNameNS("*", options.parentElement());
        if (found.getLength() == 0) {
            found = document.getElementsByTagName(options.parentElement());
        }
        if (found.getLength() > 0) {
            return (Element) found.item(0);
        }
        if (!options.createParent()) {
            throw new SigningException("VNEMR-4051", options.parentElement());
        }
        Element created = document.createElementNS(root.getNamespaceURI(), options.parentElement());
        root.appendChild(created);
        return created;
    }
}
