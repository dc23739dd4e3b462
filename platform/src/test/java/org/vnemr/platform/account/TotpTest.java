package org.vnemr.platform.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826",
    })
    void code_matchesTheRfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
        Instant t = Instant.ofEpochSecond(seconds);
        assertThat(Totp.code(SHA1_SEED, t, Totp.Algorithm.SHA1, 8)).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_SEED, t, Totp.Algorithm.SHA256, 8)).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_SEED, t, Totp.Algorithm.SHA512, 8)).isEqualTo(sha512);
    }

    /** RFC 4226 Appendix D. */
    @Test
    void hotp_matchesTheRfc4226TestVectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.hotp(SHA1_SEED, counter, Totp.Algorithm.SHA1, 6)).isEqualTo(expected[counter]);
        }
    }

    @Test
    void verify_acceptsTheCurrentAndNeighbouringSteps_only() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.parse("2026-11-25T08:00:15Z");
        assertThat(Totp.verify(secret, Totp.code(secret, now, Totp.Algorithm.SHA1, 6), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(30), Totp.Algorithm.SHA1, 6), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(30), Totp.Algorithm.SHA1, 6), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(90), Totp.Algorithm.SHA1, 6), now)).isFalse();
        assertThat(Totp.verify(secret, "12345", now)).isFalse();
        assertThat(Totp.verify(secret, null, now)).isFalse();
        assertThat(Totp.verify(secret, "abcdef", now)).isFalse();
    }

    @Test
    void uri_isWhatAuthenticatorAppsRead() {
        assertThat(Totp.uri("vnemr BV Đa khoa", "bs.lan", SHA1_SEED))
                .startsWith("otpauth://totp/vnemr%20BV%20%C4%90a%20khoa%3Abs.lan?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
                .contains("&issuer=vnemr%20BV%20%C4%90a%20khoa", "period=30", "digits=6");
    }
}
