package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.terminology.icd.Icd10VnImporter;
import org.vnemr.terminology.valueset.Member;
import org.vnemr.terminology.valueset.ValueSetExpander;
import org.vnemr.terminology.valueset.ValueSetResolver;

import java.util.List;
import java.util.Map;

/**
 * Gợi ý mã ICD-10 {@code GET /noi-tru/icd}: the codes of ICD-10 VN matching what is typed so far (code or words of
 * the Vietnamese name), as {@code <option>}s for the diagnosis input's datalist, fetched by htmx while typing.
 * Without the terminology module the list stays empty and the code is still checked when the form is saved.
 */
@Controller
public class IcdPickerController {

    /** One suggestion. */
    public record Suggestion(String code, String display) {
    }

    private final ObjectProvider<ValueSetResolver> resolver;
    private final ObjectProvider<ValueSetExpander> expander;

    public IcdPickerController(ObjectProvider<ValueSetResolver> resolver, ObjectProvider<ValueSetExpander> expander) {
        this.resolver = resolver;
        this.expander = expander;
    }

    @GetMapping("/noi-tru/icd")
    @Requires(Permission.VIEW)
    public String suggest(@RequestParam Map<String, String> params, Model model) {
        // the input sends itself under its own name (icd, chanDoanChinh, …): take whatever was typed
        String typed = params.entrySet().stream().filter(e -> !e.getKey().startsWith("_"))
                .map(Map.Entry::getValue).filter(v -> v != null && !v.isBlank()).findFirst().orElse("").trim();
        model.addAttribute("suggestions", typed.length() < 2 ? List.of() : suggestions(typed));
        return "inpatient/icd-options";
    }

    private List<Suggestion> suggestions(String typed) {
        ValueSetResolver valueSets = resolver.getIfAvailable();
        ValueSetExpander expansions = expander.getIfAvailable();
        if (valueSets == null || expansions == null) {
            return List.of();
        }
        try {
            ValueSet icd = valueSets.byUrl(Icd10VnImporter.VALUE_SET_URL, null);
            List<Member> members = expansions.expand(icd, typed, true, true, 0, 15).members();
            return members.stream().map(m -> new Suggestion(m.code(), m.display())).toList();
        } catch (RuntimeException notLoaded) {
            // ICD-10 VN not loaded (yet): no suggestions; the code is still checked on save
            return List.of();
        }
    }
}
