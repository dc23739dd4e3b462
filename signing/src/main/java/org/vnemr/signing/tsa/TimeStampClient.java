package org.vnemr.signing.tsa;

/**
 * An RFC 3161 time-stamp authority: the signature's digest goes in, a DER time-stamp token comes out. PAdES
 * baseline-T embeds the token as an unsigned attribute; without a configured TSA signatures stay baseline-B.
 */
public interface TimeStampClient {

    /** A time-stamp token (DER {@code TimeStampToken}) over the SHA-256 {@code digest}. */
    byte[] timestamp(byte[] sha256Digest);
}
