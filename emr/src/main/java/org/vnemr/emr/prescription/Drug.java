package org.vnemr.emr.prescription;

import org.vnemr.fhir.text.VietnameseText;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Một thuốc của danh mục đang áp dụng: what a prescription line needs from a DRUG catalogue row.
 *
 * @param ingredientCode MA_HOAT_CHAT (may be null)
 * @param ingredient     TEN_HOAT_CHAT, several joined by "+" for a combination
 * @param routeCode      DUONG_DUNG (code of {@code https://vnemr.org/fhir/CodeSystem/drug-route})
 * @param unit           DON_VI_TINH: the dispensing unit quantities are counted in
 */
public record Drug(String code, String name, String ingredientCode, String ingredient, String strength,
                   String routeCode, String routeName, String unit, String registration, BigDecimal bhytPrice) {

    /** Each active ingredient, folded ("Amoxicilin + Acid clavulanic" → amoxicilin, acid clavulanic). */
    public List<String> foldedIngredients() {
        if (ingredient == null) {
            return List.of();
        }
        return Arrays.stream(ingredient.split("[+,;]")).map(VietnameseText::fold).filter(s -> !s.isEmpty()).toList();
    }
}
