package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrescriptionChecksTest {

    static Drug drug(String code, String name, String ingredientCode, String ingredient) {
        return new Drug(code, name, ingredientCode, ingredient, "500mg", "1.01", "Uống", "Viên", "VD-1",
                BigDecimal.ONE);
    }

    static final Drug PARA_TAB = drug("40.48", "Paracetamol 500mg", null, "Paracetamol");
    static final Drug PARA_IV = drug("40.49", "Paracetamol 1g/100ml", null, "Paracetamol");
    static final Drug AMOX = drug("40.17", "Amoxicilin 500mg", "AMX", "Amoxicilin");
    static final Drug AUGMENTIN = drug("40.99", "Augmentin 625mg", null, "Amoxicilin + Acid clavulanic");

    @Test
    void twoLinesWithTheSameIngredient_warnOnTheSecondLine() {
        List<PrescriptionChecks.Warning> warnings = PrescriptionChecks.duplicateIngredients(
                List.of(PARA_TAB, AMOX, PARA_IV));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).line()).isEqualTo(2);
        assertThat(warnings.get(0).other()).isEqualTo("Paracetamol 500mg");
    }

    @Test
    void anIngredientInsideACombination_isADuplicate() {
        assertThat(PrescriptionChecks.duplicateIngredients(List.of(AMOX, AUGMENTIN))).hasSize(1);
    }

    @Test
    void differentIngredients_andUnknownLines_giveNoWarning() {
        assertThat(PrescriptionChecks.duplicateIngredients(Arrays.asList(PARA_TAB, null, AMOX))).isEmpty();
    }

    @Test
    void anAllergyByIngredientCode_matches() {
        AllergyIntolerance allergy = new AllergyIntolerance().setCode(new CodeableConcept(
                new Coding(PrescriptionChecks.INGREDIENT_SYSTEM, "AMX", "Amoxicillin")));
        List<PrescriptionChecks.Warning> warnings = PrescriptionChecks.allergies(List.of(PARA_TAB, AMOX),
                List.of(allergy));
        assertThat(warnings).extracting(PrescriptionChecks.Warning::line).containsExactly(1);
    }

    @Test
    void anAllergyByFoldedText_matchesWithoutDiacritics() {
        AllergyIntolerance allergy = new AllergyIntolerance().setCode(new CodeableConcept().setText("Dị ứng AMOXICILIN"));
        assertThat(PrescriptionChecks.allergies(List.of(AUGMENTIN), List.of(allergy))).hasSize(1);
        AllergyIntolerance paracetamol = new AllergyIntolerance().setCode(new CodeableConcept().setText("paracetamol"));
        assertThat(PrescriptionChecks.allergies(List.of(PARA_IV), List.of(paracetamol))).hasSize(1);
    }

    @Test
    void anUnrelatedOrRefutedAllergy_doesNotMatch() {
        AllergyIntolerance seafood = new AllergyIntolerance().setCode(new CodeableConcept().setText("Hải sản"));
        AllergyIntolerance refuted = new AllergyIntolerance().setCode(new CodeableConcept().setText("Amoxicilin"));
        refuted.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "refuted", null)));
        AllergyIntolerance partialWord = new AllergyIntolerance().setCode(new CodeableConcept().setText("Amoxi"));
        assertThat(PrescriptionChecks.allergies(List.of(AMOX), List.of(seafood, refuted, partialWord))).isEmpty();
    }
}
