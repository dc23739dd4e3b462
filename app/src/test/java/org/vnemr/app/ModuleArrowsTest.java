package org.vnemr.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module arrows of DESIGN.md §3: {@code app → emr, hub → bhyt, signing, vn-core, terminology, platform →
 * fhir}, plus {@code vn-core → terminology} (ADR 0006) and {@code bench → fhir}. A module may use only the modules below it; no cycles.
 */
class ModuleArrowsTest {

    /** Each module and the modules it may use (DESIGN.md §3). */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "fhir", List.of(),
            "terminology", List.of("fhir"),
            // vn-core checks VN Core bindings (ethnicity, wards, ICD-10 rules) through terminology: ADR 0006
            "vncore", List.of("terminology", "fhir"),
            "signing", List.of("fhir"),
            "platform", List.of("fhir"),
            // bhyt signs with the facility certificate, checks cards and ICD codes, queues through the outbox: ADR 0007
            "bhyt", List.of("signing", "vncore", "terminology", "platform", "fhir"),
            "emr", List.of("bhyt", "signing", "vncore", "terminology", "platform", "fhir"),
            "hub", List.of("bhyt", "signing", "vncore", "terminology", "platform", "fhir"),
            // the synthetic data generator shares the Vietnamese name lists with the demo facility (vncore.synthetic)
            "bench", List.of("vncore", "fhir"));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vnemr");
    }

    @Test
    void modules_dependOnlyOnTheModulesDesignAllows() {
        for (Map.Entry<String, List<String>> module : ALLOWED.entrySet()) {
            List<String> forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(module.getKey()) && !module.getValue().contains(other))
                    .map(other -> "org.vnemr." + other + "..")
                    .toList();
            forbidden = new java.util.ArrayList<>(forbidden);
            forbidden.add("org.vnemr.app..");
            ArchRule rule = noClasses().that().resideInAPackage("org.vnemr." + module.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("DESIGN.md §3 lets module '" + module.getKey() + "' use only " + module.getValue()
                            + "; argue a new arrow in DESIGN.md before adding it")
                    .allowEmptyShould(true);
            rule.check(classes);
        }
    }

    @Test
    void modules_haveNoCycles() {
        slices().matching("org.vnemr.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
