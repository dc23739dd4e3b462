package org.vnemr.bhyt.xml130;

import org.junit.jupiter.api.Test;
import org.vnemr.bhyt.testing.SampleDossiers;
import org.vnemr.bhyt.xml130.model.Xml1TongHop;
import org.vnemr.bhyt.xml130.model.Xml2Thuoc;
import org.vnemr.bhyt.xml130.spec.TableSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;
import org.vnemr.signing.xml.SecureXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Xml130FormattingTest {

    private final Dossier dossier = SampleDossiers.mapped();

    private Row xml1() {
        return dossier.rows("XML1").get(0);
    }

    @Test
    void timesAreTwelveDigitsInVietnamTimeAndDatesEight() {
        assertThat(xml1().get("NGAY_VAO")).isEqualTo("202611200830");
        assertThat(xml1().get("NGAY_RA")).isEqualTo("202611241000");
        assertThat(xml1().get("GT_THE_TU")).isEqualTo("20260101");
        assertThat(xml1().get("GT_THE_DEN")).isEqualTo("20261231");
        assertThat(xml1().get("NGAY_TAI_KHAM")).isEqualTo("20261208");
        // an instant in UTC is written as the Vietnamese wall clock
        assertThat(Xml130Values.timestamp(OffsetDateTime.parse("2026-11-19T23:30:00Z"))).isEqualTo("202611200630");
        assertThat(Xml130Values.date(LocalDate.of(2026, 1, 5))).isEqualTo("20260105");
    }

    @Test
    void birthDateKeepsZerosForWhatIsUnknown() {
        assertThat(xml1().get("NGAY_SINH")).isEqualTo("198003140000");
    }

    @Test
    void numbersUseADotNoGroupingAndTheDecimalsOfTheirField() {
        Row drug = dossier.rows("XML2").get(0);
        assertThat(drug.get("DON_GIA")).isEqualTo("1250.5");
        assertThat(drug.get("SO_LUONG")).isEqualTo("10");
        assertThat(drug.get("THANH_TIEN_BV")).isEqualTo("12505");
        assertThat(xml1().get("T_TONGCHI_BV")).isEqualTo("1147071");
        Row row = Xml2Thuoc.builder().soLuong(new BigDecimal("1.23456")).donGia(new BigDecimal("1234567.8915"))
                .thanhTienBv(new BigDecimal("1524163.2405")).tyleTtBh(new BigDecimal("100.00")).build().toRow();
        assertThat(row.get("SO_LUONG")).isEqualTo("1.235");
        assertThat(row.get("DON_GIA")).isEqualTo("1234567.892");
        assertThat(row.get("THANH_TIEN_BV")).isEqualTo("1524163.24");
        assertThat(row.get("TYLE_TT_BH")).isEqualTo("100");
        assertThat(Xml130Values.decimal(new BigDecimal("2.005"), 2)).isEqualTo("2.01");
        assertThat(Xml130Values.decimal(new BigDecimal("1E+3"), 2)).isEqualTo("1000");
    }

    @Test
    void listsAreJoinedBySemicolonsAndCodesKeepTheirLeadingZeros() {
        assertThat(xml1().get("MA_KHOA")).isEqualTo("K01;K03");
        assertThat(xml1().get("MA_BENH_CHINH")).isEqualTo("J18.9");
        assertThat(xml1().get("MA_BENH_KT")).isEqualTo("I10");
        assertThat(xml1().get("MA_DANTOC")).isEqualTo("01");
        assertThat(xml1().get("MA_QUOCTICH")).isEqualTo("000");
        assertThat(xml1().get("MA_NGHE_NGHIEP")).isEqualTo("05");
        assertThat(xml1().get("MA_LOAI_KCB")).isEqualTo("03");
        assertThat(xml1().get("DIEN_THOAI")).isEqualTo("0901234567");
        Row parsed = Xml1TongHop.fromRow(xml1()).toRow();
        assertThat(parsed).isEqualTo(xml1());
    }

    @Test
    void everyTableIsWrittenWithAllItsTagsInTheOrderOfTheFieldTableWithinTheirSizes() {
        for (String table : dossier.tableNames()) {
            TableSpec spec = Xml130Spec.get().table(table);
            Element root = SecureXml.parse(TableXml.write(table, dossier.rows(table))).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo(spec.rootTag());
            Element record = spec.isList() ? first(first(root)) : root;
            if (spec.isList()) {
                assertThat(first(root).getTagName()).isEqualTo(spec.listTag());
                assertThat(record.getTagName()).isEqualTo(spec.recordTag());
            }
            List<String> tags = new ArrayList<>();
            for (Node n = record.getFirstChild(); n != null; n = n.getNextSibling()) {
                tags.add(n.getNodeName());
                var field = spec.field(n.getNodeName()).orElseThrow();
                if (field.maxSize() != null) {
                    assertThat(n.getTextContent().length()).as(table + "." + n.getNodeName())
                            .isLessThanOrEqualTo(field.maxSize());
                }
            }
            assertThat(tags).as(table).isEqualTo(spec.tags());
        }
    }

    @Test
    void textIsEscapedAndReadBackUnchanged() {
        Row row = xml1().copy().put("GHI_CHU", "Uống < 2 viên & tái khám \"sớm\"");
        byte[] xml = TableXml.write("XML1", List.of(row));
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).contains("Uống &lt; 2 viên &amp; tái khám");
        assertThat(TableXml.read(xml).rows()).containsExactly(row);
    }

    private static Element first(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                return child;
            }
        }
        throw new AssertionError("no child in " + e.getTagName());
    }
}
