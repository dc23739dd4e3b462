package org.vnemr.signing.xml;

import org.apache.xml.security.c14n.Canonicalizer;

/**
 * Where and how an enveloped XML signature is made.
 *
 * @param parentElement      local name of the element the {@code ds:Signature} goes into ({@code CHUKYDONVI} for
 *                           the insurance envelope), or {@code null} for the document element
 * @param createParent       when the parent element is missing, create it as the last child of the document
 *                           element (where the QĐ 4750/3176 guidance puts {@code <CHUKYDONVI/>}) instead of refusing
 * @param canonicalization   C14N of SignedInfo and of the references
 * @param signingTime        add the signing time as a signed {@code ds:SignatureProperty}, so the certificate can
 *                           be judged at that moment when verifying
 */
public record XmlSignatureOptions(String parentElement, boolean createParent, Canonicalization canonicalization,
                                  boolean signingTime) {

    /** The two canonicalizations in use: inclusive (the .NET SignedXml default many HIS use) and exclusive. */
    public enum Canonicalization {
        INCLUSIVE(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS),
        EXCLUSIVE(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);

        private final String uri;

        Canonicalization(String uri) {
            this.uri = uri;
        }

        public String uri() {
            return uri;
        }
    }

    /**
     * The insurance claim envelope ({@code GIAMDINHHS}) and check-in file: signature inside {@code CHUKYDONVI},
     * created as the last child of the root if absent (NATIONAL-FORMATS §1.3–1.4), inclusive C14N, signing time.
     */
    public static XmlSignatureOptions insuranceFacilitySignature() {
        return new XmlSignatureOptions("CHUKYDONVI", true, Canonicalization.INCLUSIVE, true);
    }

    /** Signature as last child of the document element. */
    public static XmlSignatureOptions atRoot(Canonicalization canonicalization) {
        return new XmlSignatureOptions(null, false, canonicalization, true);
    }

    public XmlSignatureOptions withParent(String name, boolean create) {
        return new XmlSignatureOptions(name, create, canonicalization, signingTime);
    }
}
