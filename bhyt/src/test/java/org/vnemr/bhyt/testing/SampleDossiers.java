package org.vnemr.bhyt.testing;

import org.vnemr.bhyt.bench.SampleVisit;
import org.vnemr.bhyt.mapping.CatalogueInfo;
import org.vnemr.bhyt.mapping.ContractUrls;
import org.vnemr.bhyt.mapping.DossierMapper;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.Row;
import org.vnemr.bhyt.xml130.spec.FieldSpec;
import org.vnemr.bhyt.xml130.spec.TableSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Valid dossiers for the validator tests: the sample visit mapped from FHIR (XML0–5, 7, 8, 13, 14), plus valid
 * rows for the tables that visit has no data for (XML6, 9, 10, 11, 12, 15), so that every rule has a field to break.
 */
public final class SampleDossiers {

    public static final String MA_TTDV = "001234/HCM-GPHN";
    /** The ICD-10 codes the tests treat as existing. */
    public static final Predicate<String> ICD10 = Set.of("J18.9", "I10", "J20", "K29", "E11.9", "A15.0")::contains;

    private SampleDossiers() {
    }

    public static DossierMapper mapper() {
        return new DossierMapper(MA_TTDV, CatalogueInfo.of(Map.of(
                ContractUrls.CS_DRUG + "|40.153", new CatalogueInfo.Entry("500mg", "VD-12345-10", "G1;N1;2026;01",
                        "Viên nang cứng"),
                ContractUrls.CS_SUPPLY + "|N03.05.010", new CatalogueInfo.Entry("", "", "G1;N2;2026;02", ""))));
    }

    public static Dossier mapped() {
        return mapper().map(SampleVisit.inpatientWithReferral());
    }

    public static Dossier complete() {
        DossierMapper mapper = mapper();
        var visit = SampleVisit.inpatientWithReferral();
        Dossier dossier = mapper.map(visit);
        dossier.add(mapper.checkIn(visit));
        Row xml1 = dossier.rows("XML1").get(0);
        for (String table : new String[]{"XML6", "XML9", "XML10", "XML11", "XML12", "XML15"}) {
            dossier.add(validRow(Xml130Spec.get().table(table), xml1));
        }
        return dossier;
    }

    /** A row where every field holds a value its rules accept, copied from XML1 where the sheet says so. */
    static Row validRow(TableSpec table, Row xml1) {
        Row row = new Row(table.name());
        String day = xml1.get("NGAY_VAO").substring(0, 8);
        for (FieldSpec f : table.fields()) {
            String tag = f.tag();
            String value;
            if (!xml1.get(tag).isEmpty() && (f.sameAsXml1() || tag.equals("MA_LK") || tag.equals("MA_CSKCB")
                    || tag.startsWith("MA_BENH") || tag.equals("SO_CCCD")
                    || (tag.equals("NGAY_SINH") && f.format() == FieldSpec.Format.BIRTH))) {
                value = xml1.get(tag);
            } else if (tag.equals("STT")) {
                value = "1";
            } else if (tag.equals("GIOI_TINH") || tag.equals("GIOI_TINH_CON")) {
                value = "2";
            } else if (tag.equals("MAU_SO")) {
                value = "CT07";
            } else if (tag.startsWith("MA_BHXH")) {
                value = "7901234567";
            } else if (tag.equals("MA_THE_BHYT")) {
                value = xml1.get("MA_THE_BHYT");
            } else if (tag.equals("MA_DINH_CHI_THAI") || tag.equals("VET_THUONG_TP") || tag.equals("TAI_SU_DUNG")) {
                value = "1";
            } else {
                value = switch (f.format()) {
                    case TIMESTAMP -> xml1.get("NGAY_VAO");
                    case DATE, DATE_LIST -> day;
                    case BIRTH -> xml1.get("NGAY_SINH");
                    case INTEGER, DECIMAL -> "1";
                    default -> f.maxSize() != null && f.maxSize() < 3 ? "1" : "Có";
                };
            }
            row.put(tag, value);
        }
        return row;
    }
}
