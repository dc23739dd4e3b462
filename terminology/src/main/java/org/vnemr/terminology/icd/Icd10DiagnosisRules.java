package org.vnemr.terminology.icd;

import org.vnemr.fhir.error.Messages;
import org.vnemr.terminology.CodeLookup;
import org.vnemr.terminology.Concept;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DiagnosisRules} from the ICD-10 VN CodeSystem: the rules are concept properties its importer read from
 * the QĐ 4469 appendix ({@code sex}, {@code age-rule}, {@code notSelectable}), so a new appendix shipped with an
 * upgrade changes the rules without code changes.
 */
public final class Icd10DiagnosisRules implements DiagnosisRules {

    private final CodeLookup lookup;

    public Icd10DiagnosisRules(CodeLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public List<Problem> check(String icd10Code, String sex, LocalDate birthDate, LocalDate on) {
        String code = icd10Code == null ? "" : icd10Code.trim();
        Optional<Concept> found = code.isEmpty() ? Optional.empty() : lookup.lookup(Icd10VnImporter.URL, code);
        if (found.isEmpty()) {
            return List.of(problem("VNEMR-2020", code));
        }
        Concept concept = found.get();
        List<Problem> problems = new ArrayList<>();
        String name = concept.display();
        if ("true".equals(concept.property("notSelectable"))) {
            problems.add(problem("VNEMR-2021", concept.code(), name));
            return problems;
        }
        List<String> sexes = concept.properties().getOrDefault("sex", List.of());
        if (sex != null && sexes.size() == 1) {
            String only = sexes.get(0);
            if ("female".equals(only) && "male".equals(sex)) {
                problems.add(new Problem("VNEMR-2022", Messages.vi("VNEMR-2022", concept.code(), name, "nam"),
                        Messages.en("VNEMR-2022", concept.code(), name, "male")));
            } else if ("male".equals(only) && "female".equals(sex)) {
                problems.add(new Problem("VNEMR-2023", Messages.vi("VNEMR-2023", concept.code(), name, "nữ"),
                        Messages.en("VNEMR-2023", concept.code(), name, "female")));
            }
        }
        List<String> ageRules = concept.properties().getOrDefault("age-rule", List.of());
        if (birthDate != null && !ageRules.isEmpty()) {
            LocalDate day = on == null ? LocalDate.now() : on;
            boolean anyAllows = false;
            for (String rule : ageRules) {
                anyAllows |= range(rule).contains(birthDate, day);
            }
            if (!anyAllows && !day.isBefore(birthDate)) {
                String rule = ageRules.get(0);
                AgeRange range = range(rule);
                String annex = rule.substring(0, rule.indexOf(' '));
                problems.add(new Problem("VNEMR-2024",
                        Messages.vi("VNEMR-2024", concept.code(), name, range.describeVi(), annex,
                                AgeRange.ageVi(birthDate, day), day.toString()),
                        Messages.en("VNEMR-2024", concept.code(), name, range.describeEn(), annex,
                                AgeRange.ageEn(birthDate, day), day.toString())));
            }
        }
        return problems;
    }

    private static AgeRange range(String rule) {
        return AgeRange.parse(rule.substring(rule.indexOf(' ') + 1));
    }

    private static Problem problem(String code, Object... args) {
        return new Problem(code, Messages.vi(code, args), Messages.en(code, args));
    }
}
