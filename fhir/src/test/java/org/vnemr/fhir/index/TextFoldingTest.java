package org.vnemr.fhir.index;

import org.junit.jupiter.api.Test;
import org.vnemr.fhir.text.VietnameseText;

import java.text.Normalizer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextFoldingTest {

    @Test
    void fold_agreesWithVietnameseTextForEveryCharacterOfTheBasicPlane() {
        for (char c = 0; c < 0xD800; c++) {
            String s = "A" + c + "b" + c;
            assertThat(TextFolding.fold(s)).as("U+%04X", (int) c).isEqualTo(VietnameseText.fold(s));
        }
    }

    @Test
    void fold_agreesWithVietnameseTextOnRandomVietnameseText() {
        String alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
                + "úùủũụứừửữựýỳỷỹỵÁÀẢÃẠỐỒỔỖỘỨỪỬỮỰ  \t\n|.,-0123456789\u0300\u0301\u0303\u0309\u0323\u00a0";
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = random.nextBoolean() ? sb.toString() : Normalizer.normalize(sb, Normalizer.Form.NFD);
            assertThat(TextFolding.fold(s)).as(s).isEqualTo(VietnameseText.fold(s));
            assertThat(TextFolding.nfc(s)).as(s).isEqualTo(VietnameseText.nfc(s));
        }
    }

    @Test
    void fold_agreesWithVietnameseTextOnSpacesBesideMarksAndSeparators() {
        for (String s : new String[] {"l \n", "a \u0301 b", "a \u0301", " a", "a  b", "a |b", "already folded", "x ",
                "\u0301 a", "a b\t", "a\u00a0b"}) {
            assertThat(TextFolding.fold(s)).as(s).isEqualTo(VietnameseText.fold(s));
        }
    }

    @Test
    void fold_vietnameseNameWithoutDiacritics() {
        assertThat(TextFolding.fold("  Nguyễn   Văn | ĐÀO ")).isEqualTo("nguyen van dao");
    }
}
