package org.vnemr.terminology.icd;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AgeRangeTest {

    @Test
    void headingsOfTheAnnexes_becomeSpecs() {
        assertThat(AgeRange.fromHeading("Phụ lục A3.1 Bệnh trẻ sơ sinh ( phù hợp tuổi : 0 - 365 ngày )").spec())
                .isEqualTo("0d..365d");
        assertThat(AgeRange.fromHeading("Phụ lục A3.2 Bệnh trẻ nhỏ (tuổi hợp lệ: 0 ngày - 2 tuổi)").spec())
                .isEqualTo("0d..2y");
        assertThat(AgeRange.fromHeading("Phụ lục A3.5 Bệnh ở trẻ mới đẻ ( tuổi hợp lệ: trên 27 ngày tuổi )").spec())
                .isEqualTo(">27d..");
        assertThat(AgeRange.fromHeading("Phụ lục A3.6 Bệnh trẻ em ( tuổi hợp lệ: 1 tuổi trở lên )").spec())
                .isEqualTo("1y..");
        assertThat(AgeRange.fromHeading("Phụ lục A3.8 Bệnh sản phụ khoa (tuổi hợp lệ : 9 – 60 tuổi)").spec())
                .isEqualTo("9y..60y");
        assertThat(AgeRange.fromHeading("Phụ lục A4.1 Bệnh chỉ có ở giới Nữ")).isNull();
    }

    @Test
    void specsRoundTrip() {
        for (String spec : new String[] {"0d..365d", "0d..2y", ">27d..", "1y..", "8y..19y", ">15y.."}) {
            assertThat(AgeRange.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @Test
    void bounds_daysAndCompletedYears_overIsStrict() {
        LocalDate born = LocalDate.of(2010, 3, 15);
        AgeRange teen = AgeRange.parse("8y..19y");
        assertThat(teen.contains(born, LocalDate.of(2018, 3, 14))).isFalse();
        assertThat(teen.contains(born, LocalDate.of(2018, 3, 15))).isTrue();
        assertThat(teen.contains(born, LocalDate.of(2030, 3, 14))).isTrue(); // still 19
        assertThat(teen.contains(born, LocalDate.of(2030, 3, 15))).isFalse();
        AgeRange over15 = AgeRange.parse(">15y..");
        assertThat(over15.contains(born, LocalDate.of(2025, 3, 15))).isFalse();
        assertThat(over15.contains(born, LocalDate.of(2025, 3, 16))).isTrue();
        AgeRange newborn = AgeRange.parse("0d..365d");
        assertThat(newborn.contains(born, born.plusDays(365))).isTrue();
        assertThat(newborn.contains(born, born.plusDays(366))).isFalse();
        assertThat(AgeRange.parse(">27d..").contains(born, born.plusDays(27))).isFalse();
    }
}
