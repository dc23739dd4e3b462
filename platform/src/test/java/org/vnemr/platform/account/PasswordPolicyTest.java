package org.vnemr.platform.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @Test
    void withoutMfa_fourteenCharactersAreNeeded() {
        assertThat(PasswordPolicy.check("bs.lan", "Ngựa-vằn-7-Sông", false)).isEmpty();
        assertThat(PasswordPolicy.check("bs.lan", "Ngựa-vằn-7", false)).contains("VNEMR-5020");
    }

    @Test
    void withMfa_eightCharactersAreEnough() {
        assertThat(PasswordPolicy.check("bs.lan", "Cá-vàng-9", true)).isEmpty();
        assertThat(PasswordPolicy.check("bs.lan", "Cá-vàng", true)).contains("VNEMR-5021");
    }

    @Test
    void vietnameseLetters_countOnce_whateverTheirUnicodeForm() {
        String decomposed = java.text.Normalizer.normalize("Đường-Hồ-Chí-Mi", java.text.Normalizer.Form.NFD);
        assertThat(decomposed.length()).isGreaterThan(15);
        assertThat(PasswordPolicy.check("u", decomposed, false)).isEmpty();
        assertThat(PasswordPolicy.check("u", java.text.Normalizer.normalize("Ước-mơ-xanh-9", java.text.Normalizer.Form.NFD),
                false)).contains("VNEMR-5020");
    }

    @Test
    void commonPasswords_andTheUserName_areRefused() {
        assertThat(PasswordPolicy.check("u", "BenhVien@2026", true)).contains("VNEMR-5023");
        assertThat(PasswordPolicy.check("u", "12345678901234", false)).contains("VNEMR-5023");
        assertThat(PasswordPolicy.check("nguyenvan.an", "xx-NguyenVan.An-2026", false)).contains("VNEMR-5024");
        assertThat(PasswordPolicy.check("u", "a".repeat(257), false)).contains("VNEMR-5022");
        assertThat(PasswordPolicy.check("u", null, false)).contains("VNEMR-5020");
    }
}
