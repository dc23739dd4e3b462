package org.vnemr.platform.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {

    private static final Instant T = Instant.parse("2026-11-25T08:30:00.123456Z");

    private static String hash(String prev, long seq, String user, String role, List<String> patients, String event) {
        return AuditChain.hash(prev, seq, T, user, role, "read", "0", patients, false, event);
    }

    @Test
    void hash_isSha256HexAndDeterministic() {
        String a = hash(AuditChain.GENESIS, 1, "bs.lan", "doctor", List.of("7"), "{}");
        assertThat(a).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(hash(AuditChain.GENESIS, 1, "bs.lan", "doctor", List.of("7"), "{}")).isEqualTo(a);
    }

    @Test
    void hash_changesWithEveryColumnAndTheLink() {
        String a = hash(AuditChain.GENESIS, 1, "bs.lan", "doctor", List.of("7"), "{}");
        assertThat(hash("1".repeat(64), 1, "bs.lan", "doctor", List.of("7"), "{}")).isNotEqualTo(a);
        assertThat(hash(AuditChain.GENESIS, 2, "bs.lan", "doctor", List.of("7"), "{}")).isNotEqualTo(a);
        assertThat(hash(AuditChain.GENESIS, 1, "bs.lam", "doctor", List.of("7"), "{}")).isNotEqualTo(a);
        assertThat(hash(AuditChain.GENESIS, 1, "bs.lan", "nurse", List.of("7"), "{}")).isNotEqualTo(a);
        assertThat(hash(AuditChain.GENESIS, 1, "bs.lan", "doctor", List.of("8"), "{}")).isNotEqualTo(a);
        assertThat(hash(AuditChain.GENESIS, 1, "bs.lan", "doctor", List.of("7"), "{ }")).isNotEqualTo(a);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T.plusNanos(1000), "bs.lan", "doctor", "read", "0",
                List.of("7"), false, "{}")).isNotEqualTo(a);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T, "bs.lan", "doctor", "read", "0", List.of("7"), true,
                "{}")).isNotEqualTo(a);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T, "bs.lan", "doctor", "read", "4", List.of("7"), false,
                "{}")).isNotEqualTo(a);
    }

    @Test
    void hash_cannotBeForgedByMovingTextBetweenColumns() {
        // with a bare separator "ab"+"c" and "a"+"bc" could collide; the length prefixes keep them apart
        assertThat(hash(AuditChain.GENESIS, 1, "ab", "c", List.of(), "{}"))
                .isNotEqualTo(hash(AuditChain.GENESIS, 1, "a", "bc", List.of(), "{}"));
        assertThat(hash(AuditChain.GENESIS, 1, "u", null, List.of(), "{}"))
                .isNotEqualTo(hash(AuditChain.GENESIS, 1, "u", "", List.of(), "{}"));
        assertThat(hash(AuditChain.GENESIS, 1, "u", "r", List.of("1", "2"), "{}"))
                .isNotEqualTo(hash(AuditChain.GENESIS, 1, "u", "r", List.of("12"), "{}"));
    }

    @Test
    void record_keepsMicrosecondsOnly_likeTimestamptz() {
        AuditRecord r = AuditRecord.of("u", AuditAction.READ).at(Instant.parse("2026-11-25T08:30:00.123456789Z"));
        assertThat(r.occurred()).isEqualTo(Instant.parse("2026-11-25T08:30:00.123456Z"));
    }

    @Test
    void record_withoutUser_isAnonymous_andDropsNulCharacters() {
        AuditRecord r = AuditRecord.of(null, AuditAction.SEARCH).withWhat("Patient?name=a\u0000b");
        assertThat(r.user()).isEqualTo(AuditRecord.ANONYMOUS);
        assertThat(r.what()).isEqualTo("Patient?name=ab");
    }
}
