package org.vnemr.bhyt.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vnemr.bhyt.testing.SampleDossiers;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.Row;
import org.vnemr.bhyt.xml130.Xml130Values;
import org.vnemr.bhyt.xml130.spec.FieldSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DossierValidatorTest {

    private static final DossierValidator VALIDATOR = new DossierValidator(SampleDossiers.ICD10);

    @Test
    void theSampleVisitMappedFromFhirHasNoFindings() {
        assertThat(VALIDATOR.validate(SampleDossiers.mapped())).isEmpty();
    }

    @Test
    void aDossierWithEveryTableFilledHasNoFindings() {
        Dossier complete = SampleDossiers.complete();
        assertThat(complete.tableNames()).hasSize(16);
        assertThat(VALIDATOR.validate(complete)).isEmpty();
    }

    @Test
    void everyFieldRuleOfTheTablesIsKnownWithItsId() {
        List<String> ids = VALIDATOR.rules().stream().map(Rule::id).toList();
        assertThat(ids).doesNotHaveDuplicates()
                .contains("XML1.MA_THE_BHYT.CODE", "XML1.MA_LK.REQUIRED", "XML1.MA_LK.SIZE", "XML1.NGAY_VAO.FORMAT",
                        "XML2.THANH_TIEN_BH.TYPE", "CROSS.T_TONGCHI_BH", "XML13.HO_TEN.SAME_AS_XML1");
        long required = Xml130Spec.get().tables().stream().flatMap(t -> t.fields().stream())
                .filter(DossierValidator::required).count();
        assertThat(ids.stream().filter(i -> i.endsWith(".REQUIRED"))).hasSize((int) required);
    }

    static Stream<Rule> rules() {
        return VALIDATOR.rules().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void breakingTheFieldOfARuleFiresExactlyThatRule(Rule rule) {
        Dossier dossier = SampleDossiers.complete();
        corrupt(dossier, rule);
        List<Finding> findings = VALIDATOR.validate(dossier);
        assertThat(findings).as(rule.id()).isNotEmpty();
        assertThat(findings).extracting(Finding::ruleId).as(findings.toString()).containsOnly(rule.id());
        assertThat(findings.get(0).messageVi()).contains(rule.field()).contains("Bảng " + findings.get(0).table());
    }

    // ---- how each rule's field is broken -------------------------------------------------------------------

    static void corrupt(Dossier d, Rule rule) {
        List<Row> rows = d.mutableRows(rule.table());
        // break a value that is there when a row has one (filling a supply code into an exam line changes the line)
        Row row = rows.stream().filter(r -> !r.get(rule.field()).isEmpty()).findFirst().orElse(rows.get(0));
        if (rule.kind() == Rule.Kind.REQUIRED) {
            row = rows.stream().filter(r -> DossierValidator.requirementApplies(rule.table(), rule.field(), r))
                    .findFirst().orElse(row);
            if (!rule.table().equals("XML7") && !DossierValidator.requirementApplies(rule.table(), rule.field(), row)) {
                for (DossierValidator.When when : DossierValidator.requiredWhen(rule.table(), rule.field())) {
                    switch (when.op()) {
                        case FILLED -> row.put(when.field(), "A1");
                        case EMPTY -> row.put(when.field(), "");
                        case IN -> row.put(when.field(), when.values().iterator().next());
                        case NOT_IN -> { }
                    }
                }
            }
        }
        Row xml1 = d.mutableRows("XML1").get(0);
        FieldSpec field = Xml130Spec.get().table(rule.table()).field(rule.field()).orElseThrow();
        switch (rule.kind()) {
            case REQUIRED -> {
                if (rule.table().equals("XML7") && !DossierValidator.requirementApplies("XML7", rule.field(), row)) {
                    // pregnancy termination: the three details become required together
                    row.put("MA_DINH_CHI_THAI", "1").put("NGUYENNHAN_DINHCHI", "Thai lưu")
                            .put("THOIGIAN_DINHCHI", xml1.get("NGAY_VAO")).put("TUOI_THAI", "12");
                }
                row.put(rule.field(), "");
            }
            case SIZE -> row.put(rule.field(), (field.kind() == FieldSpec.Kind.NUMBER ? "1" : "A")
                    .repeat(field.maxSize() + 1));
            case TYPE -> row.put(rule.field(), "x");
            case FORMAT -> row.put(rule.field(), switch (field.format()) {
                case TIMESTAMP, BIRTH -> "202613011200";
                default -> "20261301";
            });
            case CODE -> row.put(rule.field(), badCode(rule.field()));
            case ORDER -> {
                String tag = switch (rule.field()) {
                    case "NGAY_TH_YL", "NGAY_KQ" -> "NGAY_YL";
                    case "NGAY_HEN_KL" -> "NGAY_RA";
                    default -> "NGAY_VAO";
                };
                String reference = row.get(tag).isEmpty() ? xml1.get(tag) : row.get(tag);
                row.put(rule.field(), earlier(reference, field.format()));
            }
            case SAME_AS_XML1 -> row.put(rule.field(), other(field, row.get(rule.field())));
            case CROSS -> corruptCross(d, rule.id(), xml1);
        }
        if (rule.kind() != Rule.Kind.REQUIRED && rule.kind() != Rule.Kind.CROSS) {
            // a code written where there was none makes its name required: give it one
            for (FieldSpec f : Xml130Spec.get().table(rule.table()).fields()) {
                if (!f.tag().equals(rule.field()) && DossierValidator.required(f) && row.get(f.tag()).isEmpty()
                        && DossierValidator.requirementApplies(rule.table(), f.tag(), row)) {
                    row.put(f.tag(), "Tên");
                }
            }
        }
    }

    static String badCode(String tag) {
        return switch (tag) {
            case "GIOI_TINH", "GIOI_TINH_CON" -> "4";
            case "MA_LOAI_KCB" -> "17";
            case "KET_QUA_DTRI" -> "9";
            case "MA_LOAI_RV" -> "6";
            case "MA_KHUVUC" -> "K4";
            case "VET_THUONG_TP", "TAI_SU_DUNG" -> "2";
            case "MAU_SO" -> "CT08";
            case "MA_CSKCB", "MA_NOI_DI", "MA_NOI_DEN", "MA_DKBD" -> "AB-12";
            case "MA_DOITUONG_KCB" -> "A.1";
            case "MA_BENH_CHINH" -> "J18;J20";
            case "MA_BENH_KT" -> "I10;Z99.9";
            case "GOI_VTYT" -> "G0";
            case "SO_CCCD" -> "12345";
            case "MA_BHXH", "MA_BHXH_NND" -> "0000000000";
            case "MA_THE_BHYT" -> "DN479790012345";
            default -> throw new IllegalArgumentException("no bad code for " + tag);
        };
    }

    static String earlier(String reference, FieldSpec.Format format) {
        var time = Xml130Values.parseTimestamp(reference.length() == 8 ? reference + "0000" : reference)
                .orElseThrow().minusDays(1);
        String ts = Xml130Values.timestamp(time.toOffsetDateTime());
        return format == FieldSpec.Format.TIMESTAMP ? ts : ts.substring(0, 8);
    }

    /** A different value of the same shape. */
    static String other(FieldSpec field, String current) {
        return switch (field.tag()) {
            case "GIOI_TINH" -> current.equals("1") ? "2" : "1";
            case "MA_LOAI_RV" -> current.equals("1") ? "4" : "1";
            case "MA_DOITUONG_KCB" -> "3.1";
            case "MA_CSKCB", "MA_NOI_DEN", "MA_NOI_DI" -> "01001";
            case "MA_BENH_CHINH" -> "J20";
            case "MA_BENH_KT" -> "K29";
            case "NGAY_SINH" -> "199001010000";
            case "GT_THE_DEN" -> "20271231";
            case "MA_DANTOC", "MA_QUOCTICH", "MA_NGHE_NGHIEP", "MATINH_CU_TRU", "MAHUYEN_CU_TRU" -> "02";
            case "MAXA_CU_TRU" -> "00001";
            case "SO_CCCD" -> "001090001234";
            default -> field.format() == FieldSpec.Format.TIMESTAMP ? "202611211200" : "Khác " + current;
        };
    }

    static void corruptCross(Dossier d, String id, Row xml1) {
        Row drug = d.mutableRows("XML2").get(0);
        switch (id) {
            case "CROSS.MA_LK" -> drug.put("MA_LK", "KHAC");
            case "CROSS.STT" -> drug.put("STT", "5");
            case "CROSS.THANH_TIEN" -> drug.put("DON_GIA", add(drug.get("DON_GIA"), 1));
            case "CROSS.LINE_BALANCE" -> {
                drug.put("T_BNTT", add(drug.get("T_BNTT"), 1));
                xml1.put("T_BNTT", add(xml1.get("T_BNTT"), 1));
            }
            case "CROSS.LINE_DATE" -> {
                drug.put("NGAY_YL", earlier(xml1.get("NGAY_VAO"), FieldSpec.Format.TIMESTAMP));
                drug.put("NGAY_TH_YL", drug.get("NGAY_YL"));
            }
            case "CROSS.NGAY_RA" -> {
                String before = earlier(xml1.get("NGAY_VAO"), FieldSpec.Format.TIMESTAMP);
                for (String table : d.tableNames()) {
                    for (Row r : d.mutableRows(table)) {
                        if (Xml130Spec.get().table(table).field("NGAY_RA").isPresent() && !r.get("NGAY_RA").isEmpty()) {
                            r.put("NGAY_RA", before);
                        }
                    }
                }
                d.mutableRows("XML14").get(0).put("NGAY_HEN_KL", xml1.get("NGAY_VAO").substring(0, 8));
            }
            case "CROSS.CARD_VALID" -> {
                String before = earlier(xml1.get("NGAY_VAO"), FieldSpec.Format.DATE);
                for (String table : d.tableNames()) {
                    for (Row r : d.mutableRows(table)) {
                        if (!r.get("GT_THE_DEN").isEmpty()) {
                            r.put("GT_THE_DEN", before);
                        }
                    }
                }
                xml1.put("GT_THE_TU", "20250101");
                d.mutableRows("XML0").get(0).put("GT_THE_TU", "20250101");
            }
            case "CROSS.CARD_FIELDS" -> xml1.put("GT_THE_TU", xml1.get("GT_THE_TU") + ";20260601");
            case "CROSS.SO_NGAY_DTRI" -> xml1.put("SO_NGAY_DTRI", add(xml1.get("SO_NGAY_DTRI"), 1));
            case "CROSS.XML5" -> d.mutableRows("XML5").clear();
            case "CROSS.XML8" -> xml1.put("MA_LOAI_KCB", "02");
            case "CROSS.XML13" -> d.mutableRows("XML13").clear();
            default -> {
                String total = id.substring("CROSS.".length());
                xml1.put(total, add(xml1.get(total), 1));
            }
        }
    }

    static String add(String number, int delta) {
        return new BigDecimal(number).add(BigDecimal.valueOf(delta)).toPlainString();
    }
}
