package org.vnemr.vncore.profile;

import org.vnemr.terminology.icd.DiagnosisRules;

import java.time.LocalDate;
import java.util.List;

/**
 * A small stand-in for the ICD-10 VN rules of the terminology module: only the sex annex, for a few chapters
 * (pregnancy O00–O99 and female genital N70–N98 for women; male genital N40–N51 for men).
 */
final class SexRestrictedDiagnoses implements DiagnosisRules {

    @Override
    public List<Problem> check(String icd10Code, String sex, LocalDate birthDate, LocalDate on) {
        String code = icd10Code.replace(".", "");
        boolean femaleOnly = code.startsWith("O") || code.matches("N(7|8|9)\\d.*");
        boolean maleOnly = code.matches("N(4\\d|5[01]).*");
        if (femaleOnly && "male".equals(sex)) {
            return List.of(new Problem("VNEMR-2999", "Mã " + icd10Code + " chỉ dùng cho nữ",
                    "Code " + icd10Code + " is for women only"));
        }
        if (maleOnly && "female".equals(sex)) {
            return List.of(new Problem("VNEMR-2999", "Mã " + icd10Code + " chỉ dùng cho nam",
                    "Code " + icd10Code + " is for men only"));
        }
        return List.of();
    }
}
