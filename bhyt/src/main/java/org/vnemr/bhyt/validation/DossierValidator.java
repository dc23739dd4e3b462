package org.vnemr.bhyt.validation;

import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.Row;
import org.vnemr.bhyt.xml130.Xml130Values;
import org.vnemr.bhyt.xml130.spec.FieldSpec;
import org.vnemr.bhyt.xml130.spec.TableSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;
import org.vnemr.vncore.identity.BhytCard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a dossier against every rule of the field tables (gateway-required, 3176 sizes, types and formats, code
 * lists, ICD-10, card) and the rules between tables (totals of XML1 against the lines of XML2+XML3, line dates
 * inside the visit, card valid on the visit date, one MA_LK), plus the rules of the BHXH validation sheet that can
 * be expressed. A field that is already wrong in its basic shape (empty, too long, not a number or a date) gets
 * one finding only: its code, order and cross-table rules are not evaluated, so a screen shows one cause.
 */
public final class DossierValidator {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern BIRTH = Pattern.compile("\\d{4}(0000|(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01]))(0000|([01]\\d|2[0-3])[0-5]\\d)");
    private static final Pattern ICD10 = Pattern.compile("[A-Z]\\d{2}(\\.?[0-9A-Z]{1,2})?");
    private static final Pattern FACILITY = Pattern.compile("[0-9A-Z]{5}");
    private static final Pattern CCCD = Pattern.compile("\\d{9}|\\d{12}|[A-Z]\\d{7}");
    private static final Pattern DOITUONG = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");
    private static final Pattern GOI_VTYT = Pattern.compile("G[1-9]\\d{0,2}");
    private static final Pattern BHXH_NUMBER = Pattern.compile("\\d+");

    /** Fixed code lists (NATIONAL-FORMATS §1.5). */
    private static final Map<String, Set<String>> CODE_LISTS = Map.of(
            "GIOI_TINH", Set.of("1", "2", "3"),
            "GIOI_TINH_CON", Set.of("1", "2", "3"),
            "MA_LOAI_KCB", Set.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
                    "14", "15", "16"),
            "KET_QUA_DTRI", Set.of("1", "2", "3", "4", "5", "6", "7", "8"),
            "MA_LOAI_RV", Set.of("1", "2", "3", "4", "5"),
            "MA_KHUVUC", Set.of("K1", "K2", "K3"),
            "VET_THUONG_TP", Set.of("1"),
            "TAI_SU_DUNG", Set.of("1"),
            "MAU_SO", Set.of("CT07"));
    private static final Set<String> FACILITY_TAGS = Set.of("MA_CSKCB", "MA_NOI_DI", "MA_NOI_DEN", "MA_DKBD");
    private static final Set<String> CARD_TABLES = Set.of("XML0", "XML1");
    private static final Set<String> TREATMENT_TYPES = Set.of("02", "03", "04", "05", "06", "08", "09");
    private static final Set<String> SUMMARY_TYPES = Set.of("03", "04", "06");
    private static final Set<String> ZERO_DAY_TYPES = Set.of("01", "09");
    private static final Set<String> COUNTED_DAY_TYPES = Set.of("03", "04", "06");

    /**
     * When a required field applies to a row: the conditions of the gateway sheet's "Bắt buộc" column ("Bắt buộc
     * khi MA_NHOM = 10", "chỉ bắt buộc khi MA_THUOC và MA_VAT_TU = null"…), all of which must hold.
     */
    public record When(String field, Op op, Set<String> values) {
        public enum Op { FILLED, EMPTY, IN, NOT_IN }

        boolean test(Row row) {
            String v = row.get(field);
            return switch (op) {
                case FILLED -> !v.isEmpty();
                case EMPTY -> v.isEmpty();
                case IN -> values.contains(v);
                case NOT_IN -> !values.contains(v);
            };
        }
    }

    private static When filled(String field) {
        return new When(field, When.Op.FILLED, Set.of());
    }

    private static When empty(String field) {
        return new When(field, When.Op.EMPTY, Set.of());
    }

    private static When in(String field, String... values) {
        return new When(field, When.Op.IN, Set.of(values));
    }

    private static When notIn(String field, String... values) {
        return new When(field, When.Op.NOT_IN, Set.of(values));
    }

    private static final Map<String, List<When>> REQUIRED_IF = Map.ofEntries(
            Map.entry("XML0.LY_DO_VNT", List.of(filled("NGAY_VAO_NOI_TRU"))),
            Map.entry("XML0.MA_DICH_VU", List.of(empty("MA_THUOC"), empty("MA_VAT_TU"))),
            Map.entry("XML0.TEN_DICH_VU", List.of(filled("MA_DICH_VU"))),
            Map.entry("XML0.TEN_THUOC", List.of(filled("MA_THUOC"))),
            Map.entry("XML0.TEN_VAT_TU", List.of(filled("MA_VAT_TU"))),
            Map.entry("XML2.TT_THAU", List.of(notIn("MA_NHOM", "7", "17"))),
            Map.entry("XML3.MA_DICH_VU", List.of(empty("MA_VAT_TU"))),
            Map.entry("XML3.TEN_DICH_VU", List.of(filled("MA_DICH_VU"))),
            Map.entry("XML3.TEN_VAT_TU", List.of(filled("MA_VAT_TU"))),
            Map.entry("XML3.MA_XANG_DAU", List.of(in("MA_NHOM", "12"))),
            Map.entry("XML3.TT_THAU", List.of(in("MA_NHOM", "10"))),
            Map.entry("XML3.NGUOI_THUC_HIEN", List.of(in("MA_NHOM", "1", "2", "3", "8", "18"))),
            Map.entry("XML3.NGAY_TH_YL", List.of(in("MA_NHOM", "1", "2", "3", "8", "18"))),
            Map.entry("XML4.NGAY_KQ", List.of(filled("GIA_TRI"))),
            Map.entry("XML6.PHACDO_DTRI_LAO", List.of(notIn("LOAI_DTRI_LAO", "0"))),
            Map.entry("XML6.NGAYBD_DTRI_LAO", List.of(notIn("LOAI_DTRI_LAO", "0"))),
            Map.entry("XML6.NGAYKT_DTRI_LAO", List.of(notIn("LOAI_DTRI_LAO", "0"))),
            Map.entry("XML6.LAN_XN_PCR", List.of(in("MA_TINH_TRANG_DK", "1"))),
            Map.entry("XML6.NGAY_XN_PCR", List.of(in("MA_TINH_TRANG_DK", "1"))),
            Map.entry("XML6.NGAY_KQ_XN_PCR", List.of(in("MA_TINH_TRANG_DK", "1"))),
            Map.entry("XML6.MA_KQ_XN_PCR", List.of(in("MA_TINH_TRANG_DK", "1"))),
            Map.entry("XML6.NGAY_BAT_DAU_XU_TRI", List.of(in("MA_XU_TRI", "1"))),
            Map.entry("XML6.NGAY_KET_THUC_XU_TRI", List.of(in("MA_XU_TRI", "1"))),
            Map.entry("XML6.SO_NGAY_CAP_THUOC_ARV", List.of(in("MA_XU_TRI", "1"))),
            Map.entry("XML6.MA_BAC_PHAC_DO", List.of(in("MA_PHAC_DO_DIEU_TRI", "KHAC"))),
            Map.entry("XML7.NGUYENNHAN_DINHCHI", List.of(in("MA_DINH_CHI_THAI", "1"))),
            Map.entry("XML7.THOIGIAN_DINHCHI", List.of(in("MA_DINH_CHI_THAI", "1"))),
            Map.entry("XML7.TUOI_THAI", List.of(in("MA_DINH_CHI_THAI", "1"))),
            Map.entry("XML11.NGUYENNHAN_DINHCHI", List.of(in("MA_DINH_CHI_THAI", "1"))),
            Map.entry("XML11.TUOI_THAI", List.of(in("MA_DINH_CHI_THAI", "1"))));

    /**
     * Marked required on the sheet but covered by another rule (one of MA_DICH_VU / MA_THUOC / MA_VAT_TU per line:
     * the MA_DICH_VU rule reports the line once) or only for one kind of line (MA_DICH_VU of XML2: blood-test
     * add-ons).
     */
    private static final Set<String> NOT_REQUIRED = Set.of("XML3.MA_VAT_TU", "XML0.MA_THUOC", "XML0.MA_VAT_TU",
            "XML2.MA_DICH_VU");

    private final Xml130Spec spec = Xml130Spec.get();
    private final Predicate<String> icd10;
    private final List<Rule> rules;

    /**
     * @param icd10 whether an ICD-10 code exists in the loaded code system, or {@code null} when the code system is
     *              not loaded (then only the shape of the code is checked)
     */
    public DossierValidator(Predicate<String> icd10) {
        this.icd10 = icd10;
        this.rules = buildRules();
    }

    /** Every rule this validator can report, field rules first, in table order. */
    public List<Rule> rules() {
        return rules;
    }

    public List<Finding> validate(Dossier dossier) {
        Run run = new Run(dossier);
        for (String table : dossier.tableNames()) {
            TableSpec ts = spec.table(table);
            List<Row> rows = dossier.rows(table);
            for (int i = 0; i < rows.size(); i++) {
                for (FieldSpec field : ts.fields()) {
                    run.field(ts, field, rows.get(i), ts.isList() ? i + 1 : 0);
                }
            }
        }
        run.cross();
        return run.findings;
    }

    // ---- the rule catalogue ------------------------------------------------------------------------------------

    private List<Rule> buildRules() {
        List<Rule> list = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            for (FieldSpec f : table.fields()) {
                String base = table.name() + "." + f.tag() + ".";
                if (required(f)) {
                    list.add(new Rule(base + "REQUIRED", Rule.Kind.REQUIRED, table.name(), f.tag(),
                            "bắt buộc có dữ liệu (Cổng tiếp nhận BHXH)"));
                }
                if (f.maxSize() != null) {
                    list.add(new Rule(base + "SIZE", Rule.Kind.SIZE, table.name(), f.tag(),
                            "tối đa " + f.maxSize() + " ký tự"));
                }
                if (f.kind() == FieldSpec.Kind.NUMBER) {
                    list.add(new Rule(base + "TYPE", Rule.Kind.TYPE, table.name(), f.tag(),
                            f.decimals() == null ? "số nguyên" : "số, dấu chấm thập phân, tối đa " + f.decimals()
                                    + " chữ số thập phân"));
                }
                if (f.format() != FieldSpec.Format.TEXT && f.format() != FieldSpec.Format.INTEGER
                        && f.format() != FieldSpec.Format.DECIMAL) {
                    list.add(new Rule(base + "FORMAT", Rule.Kind.FORMAT, table.name(), f.tag(), formatText(f)));
                }
                if (hasCodeRule(table.name(), f.tag())) {
                    list.add(new Rule(base + "CODE", Rule.Kind.CODE, table.name(), f.tag(), "đúng danh mục mã"));
                }
                if (orderReference(table.name(), f.tag()) != null) {
                    list.add(new Rule(base + "ORDER", Rule.Kind.ORDER, table.name(), f.tag(),
                            "không trước " + orderReference(table.name(), f.tag())));
                }
                if (!table.name().equals("XML1") && f.sameAsXml1() && spec.table("XML1").field(f.tag()).isPresent()) {
                    list.add(new Rule(base + "SAME_AS_XML1", Rule.Kind.SAME_AS_XML1, table.name(), f.tag(),
                            "giống trường cùng tên ở bảng XML1"));
                }
            }
        }
        cross(list, "MA_LK", "XML1", "MA_LK", "MA_LK của mọi bảng bằng MA_LK của XML1");
        cross(list, "STT", "XML2", "STT", "STT tăng từ 1 trong mỗi bảng");
        cross(list, "T_THUOC", "XML1", "T_THUOC", "T_THUOC = tổng THANH_TIEN_BV của XML2");
        cross(list, "T_VTYT", "XML1", "T_VTYT", "T_VTYT = tổng THANH_TIEN_BV các dòng vật tư của XML3");
        cross(list, "T_TONGCHI_BV", "XML1", "T_TONGCHI_BV", "T_TONGCHI_BV = tổng THANH_TIEN_BV của XML2 + XML3");
        cross(list, "T_TONGCHI_BH", "XML1", "T_TONGCHI_BH", "T_TONGCHI_BH = tổng THANH_TIEN_BH của XML2 + XML3");
        cross(list, "T_BHTT", "XML1", "T_BHTT", "T_BHTT = tổng T_BHTT của XML2 + XML3");
        cross(list, "T_BNCCT", "XML1", "T_BNCCT", "T_BNCCT = tổng T_BNCCT của XML2 + XML3");
        cross(list, "T_BNTT", "XML1", "T_BNTT", "T_BNTT = tổng T_BNTT của XML2 + XML3");
        cross(list, "T_NGUONKHAC", "XML1", "T_NGUONKHAC", "T_NGUONKHAC = tổng T_NGUONKHAC của XML2 + XML3");
        cross(list, "THANH_TIEN", "XML2", "THANH_TIEN_BV", "THANH_TIEN_BV = SO_LUONG × DON_GIA (làm tròn 2 số)");
        cross(list, "LINE_BALANCE", "XML2", "THANH_TIEN_BV",
                "THANH_TIEN_BV = T_BHTT + T_BNCCT + T_BNTT + T_NGUONKHAC của từng dòng");
        cross(list, "LINE_DATE", "XML2", "NGAY_YL", "ngày y lệnh / kết quả / diễn biến trong NGAY_VAO..NGAY_RA");
        cross(list, "NGAY_RA", "XML1", "NGAY_RA", "NGAY_RA không trước NGAY_VAO");
        cross(list, "CARD_VALID", "XML1", "GT_THE_DEN", "thẻ BHYT còn giá trị vào ngày vào viện");
        cross(list, "CARD_FIELDS", "XML1", "GT_THE_TU",
                "mỗi thẻ trong MA_THE_BHYT có MA_DKBD, GT_THE_TU, GT_THE_DEN tương ứng");
        cross(list, "SO_NGAY_DTRI", "XML1", "SO_NGAY_DTRI",
                "SO_NGAY_DTRI = 0 khi MA_LOAI_KCB 01, 09; = NGAY_RA − NGAY_VAO + 1 khi 03, 04, 06");
        cross(list, "XML5", "XML1", "MA_LOAI_KCB", "đợt điều trị (MA_LOAI_KCB 02–06, 08, 09) có bảng XML5");
        cross(list, "XML8", "XML8", "MA_LK", "bảng XML8 chỉ có khi MA_LOAI_KCB là 03, 04, 06");
        cross(list, "XML13", "XML1", "MA_LOAI_RV", "chuyển tuyến (MA_LOAI_RV 2, 5) có bảng XML13");
        return List.copyOf(list);
    }

    /** Gateway-required, unless the validation sheet itself lifted it ("Sửa thành Không bắt buộc"). */
    public static boolean required(FieldSpec f) {
        return f.required() && !NOT_REQUIRED.contains(f.table() + "." + f.tag())
                && !f.gatewayRule().toLowerCase(java.util.Locale.ROOT).contains("không bắt buộc");
    }

    /** Whether a required field is required in this row (see {@link #REQUIRED_IF}). */
    public static boolean requirementApplies(String table, String tag, Row row) {
        return requiredWhen(table, tag).stream().allMatch(w -> w.test(row));
    }

    /** The conditions under which a required field applies (empty: always). */
    public static List<When> requiredWhen(String table, String tag) {
        return REQUIRED_IF.getOrDefault(table + "." + tag, List.of());
    }

    private static void cross(List<Rule> list, String name, String table, String field, String text) {
        list.add(new Rule("CROSS." + name, Rule.Kind.CROSS, table, field, text));
    }

    private static String formatText(FieldSpec f) {
        return switch (f.format()) {
            case TIMESTAMP -> "dạng yyyyMMddHHmm (12 ký tự)";
            case DATE -> "dạng yyyyMMdd (8 ký tự)";
            case DATE_LIST -> "các ngày dạng yyyyMMdd cách nhau bằng dấu ;";
            case BIRTH -> "dạng yyyyMMddHHmm, phần chưa biết ghi 0000";
            default -> "";
        };
    }

    private static boolean hasCodeRule(String table, String tag) {
        return CODE_LISTS.containsKey(tag) || FACILITY_TAGS.contains(tag) || tag.equals("MA_DOITUONG_KCB")
                || tag.equals("MA_BENH_CHINH") || tag.equals("MA_BENH_KT") || tag.equals("GOI_VTYT")
                || (CARD_TABLES.contains(table) && (tag.equals("MA_THE_BHYT") || tag.equals("SO_CCCD")))
                || tag.equals("MA_BHXH") || tag.equals("MA_BHXH_NND");
    }

    /** The field a time must not precede (validation sheet), or null. */
    private static String orderReference(String table, String tag) {
        return switch (table + "." + tag) {
            case "XML0.NGAY_VAO_NOI_TRU", "XML1.NGAY_VAO_NOI_TRU", "XML14.NGAY_CT" -> "NGAY_VAO";
            case "XML2.NGAY_TH_YL", "XML3.NGAY_TH_YL", "XML3.NGAY_KQ" -> "NGAY_YL";
            case "XML14.NGAY_HEN_KL" -> "NGAY_RA";
            default -> null;
        };
    }

    // ---- one validation run ------------------------------------------------------------------------------------

    private final class Run {
        final Dossier dossier;
        final List<Finding> findings = new ArrayList<>();
        /** table.tag of fields with a shape finding: their other rules, and cross rules reading them, are skipped. */
        final Set<String> broken = new HashSet<>();
        final Row xml1;

        Run(Dossier dossier) {
            this.dossier = dossier;
            this.xml1 = dossier.rows("XML1").isEmpty() ? new Row("XML1") : dossier.rows("XML1").get(0);
        }

        void add(String ruleId, String table, int row, String field, String value, String vi, String en) {
            findings.add(new Finding(ruleId, table, row, field, value,
                    "Bảng " + table + (row > 0 ? " dòng " + row : "") + ", trường " + field + ": " + vi,
                    "Table " + table + (row > 0 ? " row " + row : "") + ", field " + field + ": " + en));
        }

        void field(TableSpec table, FieldSpec f, Row row, int rowNo) {
            String value = row.get(f.tag());
            String base = table.name() + "." + f.tag() + ".";
            if (value.isEmpty()) {
                if (required(f) && requirementApplies(table.name(), f.tag(), row)) {
                    add(base + "REQUIRED", table.name(), rowNo, f.tag(), value, "bắt buộc nhưng đang để trống.",
                            "required by the gateway but empty.");
                    broken.add(table.name() + "." + f.tag());
                }
                return;
            }
            if (f.maxSize() != null && value.length() > f.maxSize()) {
                add(base + "SIZE", table.name(), rowNo, f.tag(), value, "dài " + value.length()
                        + " ký tự, tối đa " + f.maxSize() + ".", value.length() + " characters, at most "
                        + f.maxSize() + ".");
                broken.add(table.name() + "." + f.tag());
                return;
            }
            if (f.kind() == FieldSpec.Kind.NUMBER && !isNumber(f, value)) {
                add(base + "TYPE", table.name(), rowNo, f.tag(), value, "\"" + value + "\" không phải "
                        + (f.decimals() == null ? "số nguyên." : "số có tối đa " + f.decimals()
                        + " chữ số thập phân (dấu chấm)."), "\"" + value + "\" is not a valid number.");
                broken.add(table.name() + "." + f.tag());
                return;
            }
            if (!formatOk(f, value)) {
                add(base + "FORMAT", table.name(), rowNo, f.tag(), value, "\"" + value + "\" không đúng "
                        + formatText(f) + ".", "\"" + value + "\" has the wrong date format.");
                broken.add(table.name() + "." + f.tag());
                return;
            }
            if (hasCodeRule(table.name(), f.tag())) {
                String problem = codeProblem(f.tag(), value);
                if (problem != null) {
                    add(base + "CODE", table.name(), rowNo, f.tag(), value, problem, "\"" + value
                            + "\" is not a valid code.");
                    broken.add(table.name() + "." + f.tag());
                    return;
                }
            }
            String reference = orderReference(table.name(), f.tag());
            if (reference != null) {
                boolean own = !row.get(reference).isEmpty();
                String other = own ? row.get(reference) : xml1.get(reference);
                boolean referenceBroken = broken.contains((own ? table.name() : "XML1") + "." + reference);
                if (!other.isEmpty() && !referenceBroken && before(value, other)) {
                    broken.add(table.name() + "." + f.tag());
                    add(base + "ORDER", table.name(), rowNo, f.tag(), value, "\"" + value + "\" trước " + reference
                            + " (" + other + ").", "\"" + value + "\" is before " + reference + ".");
                    return;
                }
            }
            if (!table.name().equals("XML1") && f.sameAsXml1() && spec.table("XML1").field(f.tag()).isPresent()
                    && !dossier.rows("XML1").isEmpty() && !broken.contains("XML1." + f.tag())
                    && !value.equals(xml1.get(f.tag()))) {
                add(base + "SAME_AS_XML1", table.name(), rowNo, f.tag(), value, "\"" + value
                        + "\" khác bảng XML1 (\"" + xml1.get(f.tag()) + "\").", "differs from XML1.");
            }
        }

        boolean isNumber(FieldSpec f, String value) {
            if (f.decimals() == null) {
                return INTEGER.matcher(value).matches();
            }
            if (!DECIMAL.matcher(value).matches()) {
                return false;
            }
            int dot = value.indexOf('.');
            return dot < 0 || value.length() - dot - 1 <= f.decimals();
        }

        boolean formatOk(FieldSpec f, String value) {
            return switch (f.format()) {
                case TIMESTAMP -> Xml130Values.isTimestamp(value);
                case DATE -> Xml130Values.isDate(value);
                case DATE_LIST -> Xml130Values.split(value).stream().allMatch(Xml130Values::isDate);
                case BIRTH -> BIRTH.matcher(value).matches();
                default -> true;
            };
        }

        String codeProblem(String tag, String value) {
            Set<String> list = CODE_LISTS.get(tag);
            if (list != null) {
                return list.contains(value) ? null : "\"" + value + "\" không có trong danh mục " + list.stream()
                        .sorted().toList() + ".";
            }
            if (FACILITY_TAGS.contains(tag)) {
                return Xml130Values.split(value).stream().allMatch(v -> FACILITY.matcher(v).matches()) ? null
                        : "mã cơ sở KBCB phải gồm 5 ký tự (\"" + value + "\").";
            }
            return switch (tag) {
                case "MA_DOITUONG_KCB" -> DOITUONG.matcher(value).matches() ? null
                        : "\"" + value + "\" không phải mã đối tượng KCB (dạng 1.1, 2, 3.1…).";
                case "MA_BENH_CHINH" -> value.contains(";") ? "chỉ ghi một mã ICD-10." : icdProblem(value);
                case "MA_BENH_KT" -> {
                    List<String> codes = Xml130Values.split(value);
                    if (codes.size() > 12) {
                        yield "tối đa 12 mã bệnh kèm theo, đang có " + codes.size() + ".";
                    }
                    yield codes.stream().map(this::icdProblem).filter(p -> p != null).findFirst().orElse(null);
                }
                case "GOI_VTYT" -> GOI_VTYT.matcher(value).matches() ? null
                        : "\"" + value + "\" phải là chữ G và số từ 1 đến 999.";
                case "SO_CCCD" -> CCCD.matcher(value).matches() ? null
                        : "\"" + value + "\" phải gồm 9 hoặc 12 chữ số, hoặc hộ chiếu 1 chữ in hoa và 7 chữ số.";
                case "MA_BHXH", "MA_BHXH_NND" -> BHXH_NUMBER.matcher(value).matches() && !value.matches("0+") ? null
                        : "\"" + value + "\" phải là số và không toàn số 0.";
                case "MA_THE_BHYT" -> cardProblem(value);
                default -> null;
            };
        }

        String icdProblem(String code) {
            if (!ICD10.matcher(code).matches()) {
                return "\"" + code + "\" không phải mã ICD-10.";
            }
            if (icd10 != null && !icd10.test(code)) {
                return "\"" + code + "\" không có trong danh mục ICD-10 (QĐ 4469/QĐ-BYT).";
            }
            return null;
        }

        String cardProblem(String value) {
            for (String card : Xml130Values.split(value)) {
                if (card.length() != 15) {
                    return "mỗi mã thẻ BHYT gồm 15 ký tự (\"" + card + "\").";
                }
                var parsed = BhytCard.parse(card);
                if (!parsed.isValid()) {
                    return "mã thẻ \"" + card + "\" không hợp lệ: " + parsed.errors().get(0).messageVi();
                }
            }
            return null;
        }

        // ---- cross-table rules ---------------------------------------------------------------------------------

        void cross() {
            if (dossier.rows("XML1").isEmpty()) {
                return;
            }
            String maLk = xml1.get("MA_LK");
            for (String table : dossier.tableNames()) {
                List<Row> rows = dossier.rows(table);
                TableSpec ts = spec.table(table);
                for (int i = 0; i < rows.size(); i++) {
                    String v = rows.get(i).get("MA_LK");
                    if (!table.equals("XML1") && !v.isEmpty() && !broken.contains(table + ".MA_LK")
                            && ok("XML1", "MA_LK") && !v.equals(maLk)) {
                        add("CROSS.MA_LK", table, ts.isList() ? i + 1 : 0, "MA_LK", v, "\"" + v
                                + "\" khác MA_LK của XML1 (\"" + maLk + "\").", "differs from XML1 MA_LK.");
                    }
                    if (ts.isList() && ts.field("STT").isPresent() && !broken.contains(table + ".STT")
                            && !rows.get(i).get("STT").equals(Integer.toString(i + 1))) {
                        add("CROSS.STT", table, i + 1, "STT", rows.get(i).get("STT"), "phải là " + (i + 1)
                                + " (tăng dần từ 1).", "must be " + (i + 1) + ".");
                    }
                }
            }
            List<Row> lines = new ArrayList<>(dossier.rows("XML2"));
            lines.addAll(dossier.rows("XML3"));
            total("T_THUOC", dossier.rows("XML2"), "THANH_TIEN_BV", r -> true);
            if (ok("XML3", "MA_VAT_TU")) {
                total("T_VTYT", dossier.rows("XML3"), "THANH_TIEN_BV", r -> !r.get("MA_VAT_TU").isEmpty());
            }
            total("T_TONGCHI_BV", lines, "THANH_TIEN_BV", r -> true);
            total("T_TONGCHI_BH", lines, "THANH_TIEN_BH", r -> true);
            total("T_BHTT", lines, "T_BHTT", r -> true);
            total("T_BNCCT", lines, "T_BNCCT", r -> true);
            total("T_BNTT", lines, "T_BNTT", r -> true);
            total("T_NGUONKHAC", lines, "T_NGUONKHAC", r -> true);
            lineRules("XML2", "DON_GIA");
            lineRules("XML3", "DON_GIA_BV");
            visitRules();
            lineDates();
        }

        boolean ok(String table, String... tags) {
            for (String tag : tags) {
                if (broken.contains(table + "." + tag)) {
                    return false;
                }
            }
            return true;
        }

        void total(String name, List<Row> lines, String lineTag, Predicate<Row> which) {
            if (!ok("XML1", name) || !ok("XML2", lineTag) || !ok("XML3", lineTag) || xml1.get(name).isEmpty()) {
                return;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (Row line : lines) {
                if (which.test(line) && !line.get(lineTag).isEmpty()) {
                    sum = sum.add(new BigDecimal(line.get(lineTag)));
                }
            }
            BigDecimal declared = new BigDecimal(xml1.get(name));
            if (declared.compareTo(sum) != 0) {
                add("CROSS." + name, "XML1", 0, name, xml1.get(name), "bằng " + xml1.get(name)
                        + " nhưng tổng " + lineTag + " các dòng chi phí là " + sum.toPlainString() + ".",
                        "is " + xml1.get(name) + " but the lines sum to " + sum.toPlainString() + ".");
            }
        }

        void lineRules(String table, String priceTag) {
            List<Row> rows = dossier.rows(table);
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (ok(table, "SO_LUONG", priceTag, "THANH_TIEN_BV", "TYLE_TT_DV") && !r.get("SO_LUONG").isEmpty()
                        && !r.get(priceTag).isEmpty() && !r.get("THANH_TIEN_BV").isEmpty()) {
                    BigDecimal expected = new BigDecimal(r.get("SO_LUONG")).multiply(new BigDecimal(r.get(priceTag)));
                    if (!r.get("TYLE_TT_DV").isEmpty()) {
                        expected = expected.multiply(new BigDecimal(r.get("TYLE_TT_DV")))
                                .divide(BigDecimal.valueOf(100));
                    }
                    expected = expected.setScale(2, RoundingMode.HALF_UP);
                    if (expected.compareTo(new BigDecimal(r.get("THANH_TIEN_BV"))) != 0) {
                        add("CROSS.THANH_TIEN", table, i + 1, "THANH_TIEN_BV", r.get("THANH_TIEN_BV"), "bằng "
                                + r.get("THANH_TIEN_BV") + " nhưng SO_LUONG × " + priceTag + " = "
                                + expected.stripTrailingZeros().toPlainString() + ".", "does not equal quantity × price.");
                    }
                }
                if (ok(table, "THANH_TIEN_BV", "T_BHTT", "T_BNCCT", "T_BNTT", "T_NGUONKHAC")
                        && !r.get("THANH_TIEN_BV").isEmpty()) {
                    BigDecimal parts = amount(r, "T_BHTT").add(amount(r, "T_BNCCT")).add(amount(r, "T_BNTT"))
                            .add(amount(r, "T_NGUONKHAC"));
                    if (parts.compareTo(new BigDecimal(r.get("THANH_TIEN_BV"))) != 0) {
                        add("CROSS.LINE_BALANCE", table, i + 1, "THANH_TIEN_BV", r.get("THANH_TIEN_BV"),
                                "bằng " + r.get("THANH_TIEN_BV") + " nhưng T_BHTT + T_BNCCT + T_BNTT + T_NGUONKHAC = "
                                        + parts.toPlainString() + ".", "does not equal the sum of its payers.");
                    }
                }
            }
        }

        BigDecimal amount(Row r, String tag) {
            return r.get(tag).isEmpty() ? BigDecimal.ZERO : new BigDecimal(r.get(tag));
        }

        void lineDates() {
            if (!ok("XML1", "NGAY_VAO", "NGAY_RA") || xml1.get("NGAY_VAO").isEmpty() || xml1.get("NGAY_RA").isEmpty()) {
                return;
            }
            String from = xml1.get("NGAY_VAO");
            String to = xml1.get("NGAY_RA");
            Map<String, String> dated = new LinkedHashMap<>();
            dated.put("XML2", "NGAY_YL");
            dated.put("XML3", "NGAY_YL");
            dated.put("XML4", "NGAY_KQ");
            dated.put("XML5", "THOI_DIEM_DBLS");
            dated.forEach((table, tag) -> {
                List<Row> rows = dossier.rows(table);
                for (int i = 0; i < rows.size(); i++) {
                    String v = rows.get(i).get(tag);
                    if (!v.isEmpty() && ok(table, tag) && (v.compareTo(from) < 0 || v.compareTo(to) > 0)) {
                        add("CROSS.LINE_DATE", table, i + 1, tag, v, "\"" + v + "\" ngoài thời gian điều trị "
                                + from + " – " + to + ".", "outside the visit " + from + "–" + to + ".");
                    }
                }
            });
        }

        void visitRules() {
            String vao = xml1.get("NGAY_VAO");
            String ra = xml1.get("NGAY_RA");
            boolean times = ok("XML1", "NGAY_VAO", "NGAY_RA") && !vao.isEmpty() && !ra.isEmpty();
            if (times && before(ra, vao)) {
                broken.add("XML1.NGAY_RA");
                add("CROSS.NGAY_RA", "XML1", 0, "NGAY_RA", ra, "\"" + ra + "\" trước NGAY_VAO (" + vao + ").",
                        "is before NGAY_VAO.");
            }
            String cards = xml1.get("MA_THE_BHYT");
            if (!cards.isEmpty() && ok("XML1", "MA_THE_BHYT", "GT_THE_TU", "GT_THE_DEN", "MA_DKBD")) {
                int n = Xml130Values.split(cards).size();
                List<String> tu = Xml130Values.split(xml1.get("GT_THE_TU"));
                List<String> den = Xml130Values.split(xml1.get("GT_THE_DEN"));
                List<String> dkbd = Xml130Values.split(xml1.get("MA_DKBD"));
                if (tu.size() != n || den.size() != n || dkbd.size() != n) {
                    add("CROSS.CARD_FIELDS", "XML1", 0, "GT_THE_TU", xml1.get("GT_THE_TU"), "có " + n
                            + " thẻ nhưng " + tu.size() + " GT_THE_TU, " + den.size() + " GT_THE_DEN, " + dkbd.size()
                            + " MA_DKBD.", "card lists have different lengths.");
                } else if (times) {
                    LocalDate day = Xml130Values.parseTimestamp(vao).map(ZonedDateTime::toLocalDate).orElseThrow();
                    boolean valid = false;
                    for (int i = 0; i < n; i++) {
                        LocalDate a = Xml130Values.parseDate(tu.get(i)).orElseThrow();
                        LocalDate b = Xml130Values.parseDate(den.get(i)).orElseThrow();
                        valid |= !day.isBefore(a) && !day.isAfter(b);
                    }
                    if (!valid) {
                        add("CROSS.CARD_VALID", "XML1", 0, "GT_THE_DEN", xml1.get("GT_THE_DEN"),
                                "thẻ BHYT không còn giá trị vào ngày vào " + Xml130Values.date(day) + ".",
                                "the card is not valid on the visit date.");
                    }
                }
            }
            String type = xml1.get("MA_LOAI_KCB");
            boolean typeOk = ok("XML1", "MA_LOAI_KCB") && !type.isEmpty();
            if (typeOk && times && ok("XML1", "SO_NGAY_DTRI", "NGAY_RA") && !xml1.get("SO_NGAY_DTRI").isEmpty()) {
                Integer expected = null;
                if (ZERO_DAY_TYPES.contains(type)) {
                    expected = 0;
                } else if (COUNTED_DAY_TYPES.contains(type)) {
                    LocalDate a = Xml130Values.parseTimestamp(vao).orElseThrow().toLocalDate();
                    LocalDate b = Xml130Values.parseTimestamp(ra).orElseThrow().toLocalDate();
                    expected = (int) ChronoUnit.DAYS.between(a, b) + 1;
                }
                if (expected != null && Integer.parseInt(xml1.get("SO_NGAY_DTRI")) != expected) {
                    add("CROSS.SO_NGAY_DTRI", "XML1", 0, "SO_NGAY_DTRI", xml1.get("SO_NGAY_DTRI"), "phải là "
                            + expected + " với MA_LOAI_KCB " + type + ".", "must be " + expected + ".");
                }
            }
            if (typeOk && TREATMENT_TYPES.contains(type) && dossier.rows("XML5").isEmpty()) {
                add("CROSS.XML5", "XML1", 0, "MA_LOAI_KCB", type, "đợt điều trị loại " + type
                        + " phải gửi bảng XML5 (diễn biến lâm sàng).", "a treatment episode needs XML5.");
            }
            if (typeOk && !SUMMARY_TYPES.contains(type) && !dossier.rows("XML8").isEmpty()) {
                add("CROSS.XML8", "XML8", 0, "MA_LK", xml1.get("MA_LK"), "bảng XML8 chỉ gửi khi MA_LOAI_KCB là 03, 04, 06 (đang là "
                        + type + ").", "XML8 only for MA_LOAI_KCB 03, 04, 06.");
            }
            String rv = xml1.get("MA_LOAI_RV");
            if (ok("XML1", "MA_LOAI_RV") && (rv.equals("2") || rv.equals("5")) && dossier.rows("XML13").isEmpty()) {
                add("CROSS.XML13", "XML1", 0, "MA_LOAI_RV", rv, "chuyển tuyến (MA_LOAI_RV " + rv
                        + ") phải gửi bảng XML13 (giấy chuyển tuyến).", "a referral needs XML13.");
            }
        }

        boolean before(String value, String reference) {
            // both are yyyyMMdd… texts; compare on the shorter precision (a date against a timestamp: by day)
            int n = Math.min(value.length(), reference.length());
            return value.substring(0, n).compareTo(reference.substring(0, n)) < 0;
        }
    }

    /** Findings grouped by table, for a screen that shows one block per table. */
    public static Map<String, List<Finding>> byTable(List<Finding> findings) {
        Map<String, List<Finding>> map = new LinkedHashMap<>();
        findings.forEach(f -> map.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(f));
        return map;
    }

}
