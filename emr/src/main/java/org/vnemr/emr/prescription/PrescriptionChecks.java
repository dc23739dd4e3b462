package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coding;
import org.vnemr.fhir.text.VietnameseText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cảnh báo trước khi lưu đơn: the things a doctor may have a reason to do but must confirm — two lines with the
 * same active ingredient (trùng hoạt chất, duplicate therapy) and a drug the patient is recorded as allergic to.
 */
public final class PrescriptionChecks {

    /** The active-ingredient code system of the catalogue and of drug allergies (clinical-data contract). */
    public static final String INGREDIENT_SYSTEM = "https://vnemr.org/fhir/CodeSystem/active-ingredient";

    /** One warning: the line it is about (0-based), its kind and the Vietnamese text shown. */
    public record Warning(int line, Kind kind, String ingredient, String other) {
    }

    public enum Kind { DUPLICATE_INGREDIENT, ALLERGY }

    private PrescriptionChecks() {
    }

    /** A warning for each later line sharing an active ingredient with an earlier line; null drugs are skipped. */
    public static List<Warning> duplicateIngredients(List<Drug> lines) {
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (int j = 0; j < i; j++) {
                Drug a = lines.get(j);
                Drug b = lines.get(i);
                if (a == null || b == null) {
                    continue;
                }
                String shared = shared(a, b);
                if (shared != null) {
                    warnings.add(new Warning(i, Kind.DUPLICATE_INGREDIENT, shared, a.name()));
                    break;
                }
            }
        }
        return warnings;
    }

    private static String shared(Drug a, Drug b) {
        if (a.ingredientCode() != null && a.ingredientCode().equals(b.ingredientCode())) {
            return a.ingredient();
        }
        Set<String> first = new LinkedHashSet<>(a.foldedIngredients());
        return b.foldedIngredients().stream().filter(first::contains).findFirst()
                .map(f -> b.ingredient()).orElse(null);
    }

    /**
     * A warning for each line whose drug matches one of the patient's allergies: by active-ingredient code, or when
     * the folded allergy text names one of the drug's ingredients (or the drug itself).
     */
    public static List<Warning> allergies(List<Drug> lines, List<AllergyIntolerance> allergies) {
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Drug drug = lines.get(i);
            if (drug == null) {
                continue;
            }
            for (AllergyIntolerance allergy : allergies) {
                if (isRefuted(allergy) || !matches(drug, allergy)) {
                    continue;
                }
                warnings.add(new Warning(i, Kind.ALLERGY, drug.ingredient(), label(allergy)));
                break;
            }
        }
        return warnings;
    }

    static boolean matches(Drug drug, AllergyIntolerance allergy) {
        for (Coding coding : allergy.getCode().getCoding()) {
            if (INGREDIENT_SYSTEM.equals(coding.getSystem()) && coding.getCode() != null
                    && Objects.equals(coding.getCode(), drug.ingredientCode())) {
                return true;
            }
        }
        List<String> texts = new ArrayList<>();
        texts.add(allergy.getCode().getText());
        allergy.getCode().getCoding().forEach(c -> texts.add(c.getDisplay()));
        for (String text : texts) {
            String folded = VietnameseText.fold(text);
            if (folded == null || folded.isBlank()) {
                continue;
            }
            for (String ingredient : drug.foldedIngredients()) {
                if (containsWord(folded, ingredient) || containsWord(ingredient, folded)) {
                    return true;
                }
            }
            if (containsWord(VietnameseText.fold(drug.name()), folded)) {
                return true;
            }
        }
        return false;
    }

    /** Whole-word containment, so "penicilin" matches "di ung penicilin" but "ure" does not match "urea". */
    private static boolean containsWord(String haystack, String needle) {
        if (haystack == null || needle.isEmpty()) {
            return false;
        }
        return (" " + haystack.replaceAll("[^a-z0-9]+", " ") + " ")
                .contains(" " + needle.replaceAll("[^a-z0-9]+", " ").trim() + " ");
    }

    private static boolean isRefuted(AllergyIntolerance allergy) {
        return allergy.getVerificationStatus().getCoding().stream().anyMatch(c -> "refuted".equals(c.getCode())
                || "entered-in-error".equals(c.getCode()))
                || allergy.getClinicalStatus().getCoding().stream().anyMatch(c -> "inactive".equals(c.getCode())
                || "resolved".equals(c.getCode()));
    }

    static String label(AllergyIntolerance allergy) {
        if (allergy.getCode().hasText()) {
            return allergy.getCode().getText();
        }
        return allergy.getCode().getCoding().stream().map(c -> c.getDisplay() != null ? c.getDisplay() : c.getCode())
                .filter(Objects::nonNull).findFirst().orElse("?");
    }
}
