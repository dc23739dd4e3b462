package org.vnemr.bhyt.xml130.spec;

import java.util.Set;

/**
 * One row of a field table: the tag, its type and maximum size in the 3176 version, and whether the BHXH gateway
 * requires it. {@link #format()} is the text format the standard prescribes for the field (NATIONAL-FORMATS §1.5).
 *
 * @param maxSize     {@code null} when the table says {@code n} (unlimited)
 * @param gatewayRule the VALID column of the BHXH gateway's sheet (QĐ 4750), or empty
 */
public record FieldSpec(String table, int position, String tag, Kind kind, Integer maxSize, boolean required,
                        Format format, Integer decimals, String gatewayRule) {

    /** The gateway's validation sheet says the field must equal the same field of XML1 when it is filled. */
    public boolean sameAsXml1() {
        return gatewayRule != null && gatewayRule.contains("giống thông tin này ở bảng 1");
    }

    public enum Kind { STRING, NUMBER }

    public enum Format {
        /** Free text. */
        TEXT,
        /** {@code yyyyMMddHHmm}. */
        TIMESTAMP,
        /** {@code yyyyMMdd}. */
        DATE,
        /** {@code yyyyMMdd} values joined by {@code ;}. */
        DATE_LIST,
        /** Date of birth: {@code yyyyMMddHHmm} where unknown hour/minute or day/month are {@code 0000}. */
        BIRTH,
        /** Whole number. */
        INTEGER,
        /** Decimal number with a {@code .}. */
        DECIMAL
    }

    private static final Set<String> DATE_TAGS = Set.of("NAM_NAM_LIEN_TUC", "NGAY_CT", "NGAY_HEN_KL");
    private static final Set<String> DATE_LIST_TAGS = Set.of("GT_THE_TU", "GT_THE_DEN", "NGAY_TAI_KHAM");

    /** The format of a field, from its tag, kind and size (mirrors the generator's choice of Java type). */
    static Format formatOf(String tag, Kind kind, Integer maxSize) {
        if (kind == Kind.NUMBER) {
            return decimalsOf(tag) == null ? Format.INTEGER : Format.DECIMAL;
        }
        if (tag.equals("NGAY_SINH") && (maxSize == null || maxSize == 12)) {
            return Format.BIRTH;
        }
        if (DATE_LIST_TAGS.contains(tag)) {
            return Format.DATE_LIST;
        }
        if (DATE_TAGS.contains(tag)) {
            return Format.DATE;
        }
        if ((tag.startsWith("NGAY_") || tag.startsWith("THOI_DIEM")) && maxSize != null) {
            if (maxSize == 12) {
                return Format.TIMESTAMP;
            }
            if (maxSize == 8) {
                return Format.DATE;
            }
        }
        return Format.TEXT;
    }

    /** Decimals of a numeric field (§1.5: quantities and prices 3, amounts and rates 2), null for whole numbers. */
    static Integer decimalsOf(String tag) {
        if (tag.equals("SO_LUONG") || tag.startsWith("DON_GIA") || tag.startsWith("CAN_NANG")) {
            return 3;
        }
        if (tag.startsWith("TYLE") || tag.startsWith("TONG_TYLE") || tag.startsWith("THANH_TIEN")
                || tag.startsWith("T_")) {
            return 2;
        }
        return null;
    }
}
