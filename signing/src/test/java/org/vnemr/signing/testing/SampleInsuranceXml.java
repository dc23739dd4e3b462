package org.vnemr.signing.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A synthetic insurance claim envelope shaped like {@code GIAMDINHHS} of QĐ 4750/3176 (NATIONAL-FORMATS §1.3):
 * facility code, one dossier whose XML1 and XML2 tables are Base64 inside {@code NOIDUNGFILE}, and an empty
 * {@code CHUKYDONVI}. Invented data (no real patient).
 */
public final class SampleInsuranceXml {

    private SampleInsuranceXml() {
    }

    public static byte[] dossier(int drugRows) {
        String xml1 = """
                <?xml version="1.0" encoding="utf-8"?>
                <TONG_HOP><MA_LK>BV79001-2026-000123</MA_LK><MA_BN>BN000123</MA_BN><HO_TEN>Nguyễn Thị Hoa</HO_TEN>\
                <NGAY_SINH>198503150000</NGAY_SINH><GIOI_TINH>2</GIOI_TINH><MA_THE_BHYT>DN4797912345678</MA_THE_BHYT>\
                <MA_BENH_CHINH>J18.9</MA_BENH_CHINH><NGAY_VAO>202611200830</NGAY_VAO><NGAY_RA>202611251000</NGAY_RA>\
                <KET_QUA_DTRI>1</KET_QUA_DTRI><MA_LOAI_RV>1</MA_LOAI_RV><T_TONGCHI>1520000.00</T_TONGCHI></TONG_HOP>""";
        StringBuilder xml2 = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><CHITIEU_CHITIET_THUOC>"
                + "<DSACH_CHI_TIET_THUOC>");
        for (int i = 1; i <= drugRows; i++) {
            xml2.append("<CHI_TIET_THUOC><MA_LK>BV79001-2026-000123</MA_LK><STT>").append(i)
                    .append("</STT><MA_THUOC>40.").append(100 + i % 800).append("</MA_THUOC><TEN_THUOC>Amoxicilin ")
                    .append(250 + i).append("mg (viên nang cứng)</TEN_THUOC><DON_VI_TINH>Viên</DON_VI_TINH>")
                    .append("<HAM_LUONG>500mg</HAM_LUONG><DUONG_DUNG>1.01</DUONG_DUNG><LIEU_DUNG>2 viên/lần, 2 lần/ngày"
                            + "</LIEU_DUNG><SO_LUONG>4.000</SO_LUONG><DON_GIA>1250.000</DON_GIA><THANH_TIEN>5000.00"
                            + "</THANH_TIEN></CHI_TIET_THUOC>");
        }
        xml2.append("</DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>");
        String envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<GIAMDINHHS xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
                + "  <THONGTINDONVI><MACSKCB>79001</MACSKCB></THONGTINDONVI>\n"
                + "  <THONGTINHOSO>\n    <NGAYLAP>20261125</NGAYLAP>\n    <SOLUONGHOSO>1</SOLUONGHOSO>\n"
                + "    <DANHSACHHOSO><HOSO>\n"
                + "      <FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>" + base64(xml1) + "</NOIDUNGFILE></FILEHOSO>\n"
                + "      <FILEHOSO><LOAIHOSO>XML2</LOAIHOSO><NOIDUNGFILE>" + base64(xml2.toString())
                + "</NOIDUNGFILE></FILEHOSO>\n"
                + "    </HOSO></DANHSACHHOSO>\n  </THONGTINHOSO>\n  <CHUKYDONVI/>\n</GIAMDINHHS>\n";
        return envelope.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
