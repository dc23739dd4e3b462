package org.vnemr.signing.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.vnemr.signing.Signer;
import org.vnemr.signing.tsa.TimeStampClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Signs a PDF as PAdES: baseline-B (CMS with subFilter {@code ETSI.CAdES.detached}, signing-certificate-v2,
 * SHA-256, chain embedded), or baseline-T when a {@link TimeStampClient} is configured (the signature
 * time-stamp as an unsigned attribute). Every signature is an incremental update appended to the bytes it gets,
 * so a second signer (the head of department after the doctor) adds a signature without touching the first
 * one's signed byte range.
 */
public final class PadesSigner {

    /** Room for the CMS (chain of 3 RSA-4096 certificates plus a time-stamp token fits with margin). */
    private static final int SIGNATURE_SIZE = 32 * 1024;
    public static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");

    private final TimeStampClient tsa;
    private final Clock clock;

    /** {@code tsa} may be null: signatures are then baseline-B. */
    public PadesSigner(TimeStampClient tsa, Clock clock) {
        this.tsa = tsa;
        this.clock = clock;
    }

    /** The level this signer produces: "B-B" or "B-T". */
    public String level() {
        return tsa == null ? "B-B" : "B-T";
    }

    /**
     * {@code pdf} with one more signature appended.
     *
     * @param reason   why (e.g. "Bác sĩ điều trị ký"), shown by PDF readers
     * @param location the facility, or null
     */
    public byte[] sign(byte[] pdf, Signer signer, String reason, String location) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(ETSI_CADES_DETACHED);
            signature.setName(commonName(signer));
            if (reason != null) {
                signature.setReason(reason);
            }
            if (location != null) {
                signature.setLocation(location);
            }
            signature.setSignDate(calendar(Instant.now(clock)));
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SIZE * 2 + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] content = external.getContent().readAllBytes();
            external.setSignature(CmsSignatureBuilder.sign(content, signer, tsa));
            options.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String commonName(Signer signer) {
        X500Name subject = X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded());
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        return cn.length == 0 ? subject.toString() : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    private static Calendar calendar(Instant instant) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
