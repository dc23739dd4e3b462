package org.vnemr.platform.account;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Mã xác thực một lần theo thời gian — TOTP (RFC 6238, over HOTP RFC 4226): 6 digits, 30-second steps,
 * HMAC-SHA1 by default (what every authenticator app reads from an {@code otpauth://} QR code). A code is
 * accepted in the current step or one step either side (clock drift), compared in constant time.
 */
public final class Totp {

    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        private final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }
    }

    public static final int STEP_SECONDS = 30;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new 160-bit secret (the size RFC 4226 recommends). */
    public static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The code for the step that contains {@code time}. */
    public static String code(byte[] secret, Instant time, Algorithm algorithm, int digits) {
        return hotp(secret, time.getEpochSecond() / STEP_SECONDS, algorithm, digits);
    }

    /** True when {@code code} is the 6-digit SHA-1 code of the current step or a neighbour. */
    public static boolean verify(byte[] secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        long step = now.getEpochSecond() / STEP_SECONDS;
        boolean ok = false;
        for (long s = step - 1; s <= step + 1; s++) {
            ok |= MessageDigest.isEqual(hotp(secret, s, Algorithm.SHA1, 6).getBytes(), code.getBytes());
        }
        return ok;
    }

    /** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamic truncation, modulo 10^digits. */
    static String hotp(byte[] secret, long counter, Algorithm algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac);
            mac.init(new SecretKeySpec(secret, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
                    | (hash[offset + 2] & 0xff) << 8 | hash[offset + 3] & 0xff;
            String code = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC is part of every Java runtime", e);
        }
    }

    /** The {@code otpauth://} URI an authenticator app reads (shown as a QR code at enrolment). */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = java.net.URLEncoder.encode(issuer + ":" + account, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer="
                + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
    }

    /** RFC 4648 base32 without padding, as authenticator apps expect. */
    static final class Base32 {
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Base32() {
        }

        static String encode(byte[] data) {
            StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = buffer << 8 | b & 0xff;
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt(buffer >>> bits - 5 & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt(buffer << 5 - bits & 31));
            }
            return out.toString();
        }
    }
}
