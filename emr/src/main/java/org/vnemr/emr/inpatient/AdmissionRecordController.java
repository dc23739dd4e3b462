package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bệnh án {@code /noi-tru/{encounterId}/benh-an}: one generic form for every record type of
 * {@link RecordTemplates}; saved as the Composition {@code benh-an-<type>} of the stay (one per stay, updated while
 * not signed), each template section a Composition section with its narrative, its typed values and, for vital
 * signs, Observations as entries. Phần A (hành chính) is taken from the Patient and the stay, not typed again.
 */
@Controller
public class AdmissionRecordController {

    private final ClinicalStore store;
    private final Stays stays;
    private final RecordTemplates templates;
    private final Diagnoses diagnoses;

    public AdmissionRecordController(ClinicalStore store, Stays stays, RecordTemplates templates,
                                     Diagnoses diagnoses) {
        this.store = store;
        this.stays = stays;
        this.templates = templates;
        this.diagnoses = diagnoses;
    }

    @GetMapping("/noi-tru/{encounterId}/benh-an")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, @RequestParam(name = "loai", required = false) String type,
                       CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Optional<Composition> existing = existing(stay, user);
        Map<String, String> values = new HashMap<>();
        existing.ifPresent(c -> Fhir.readFields(c.getSection(), values));
        RecordTemplate template = existing.map(c -> templates.byCode(c.getType().getCodingFirstRep().getCode())
                .orElse(null)).orElseGet(() -> chosen(stay, type));
        fill(model, stay, template, values, new FormErrors(), existing.orElse(null));
        if (existing.isPresent() && !values.isEmpty()) {
            model.addAttribute("saved", true);
        }
        return "inpatient/record";
    }

    @PostMapping("/noi-tru/{encounterId}/benh-an")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    public String save(@PathVariable String encounterId, @RequestParam Map<String, String> params, CurrentUser user,
                       Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Optional<Composition> existing = existing(stay, user);
        RecordTemplate template = existing.map(c -> templates.byCode(c.getType().getCodingFirstRep().getCode())
                .orElse(null)).orElseGet(() -> templates.byCode(params.get("recordType")).orElse(null));
        if (template == null) {
            template = chosen(stay, null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (RecordTemplate.Field f : template.fields()) {
            values.put(f.id(), params.getOrDefault(f.id(), "").trim());
        }
        FormErrors errors = new FormErrors();
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        Map<String, String> vitalFields = new LinkedHashMap<>();
        for (RecordTemplate.Field f : template.fields()) {
            check(f, values.get(f.id()), stay, errors);
            if (f.loinc() != null && VitalSigns.byLoinc(f.loinc()).isPresent()) {
                vitalFields.put(f.id(), f.loinc());
            }
        }
        Map<String, BigDecimal> vitals = VitalSigns.read(values, vitalFields, errors);
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, template, values, errors, existing.orElse(null));
            return "inpatient/record";
        }
        List<Resource> writes = new ArrayList<>();
        Date now = new Date();
        Composition record = existing.orElseGet(Composition::new);
        if (existing.isPresent()) {
            for (Composition.SectionComponent s : record.getSection()) {
                for (Reference entry : s.getEntry()) {
                    if (entry.getReference() != null && entry.getReference().startsWith("Observation/")) {
                        store.read(Observation.class, entry.getReferenceElement().getIdPart(), user).ifPresent(o -> {
                            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
                            writes.add(o);
                        });
                    }
                }
            }
            record.getSection().clear();
        } else {
            record.setId("urn:uuid:" + java.util.UUID.randomUUID());
        }
        Reference subject = stay.encounter().getSubject();
        List<Observation> observations = VitalSigns.observations(vitals, subject, "Encounter/" + stay.id(),
                user.practitionerReference().orElse(null), now);
        Documents.header(record, Fhir.DOCUMENT_TYPE, template.code(), template.title(), stay, user, now);
        record.addSection(Documents.section("hanh-chinh", "A. Hành chính", administrative(stay)));
        for (RecordTemplate.Section s : template.sections()) {
            StringBuilder text = new StringBuilder();
            Map<String, String> sectionValues = new LinkedHashMap<>();
            for (RecordTemplate.Field f : s.fields()) {
                String v = values.get(f.id());
                sectionValues.put(f.id(), v);
                if (!v.isEmpty()) {
                    text.append("<p><b>").append(Fhir.escape(f.label())).append(":</b> ")
                            .append(Fhir.escape(shown(f, v))).append(f.unit() == null ? "" : " " + Fhir.escape(f.unit()))
                            .append("</p>");
                }
            }
            Composition.SectionComponent section = Documents.section(s.id(), s.title(), text.toString());
            Fhir.putFields(section, sectionValues);
            for (RecordTemplate.Field f : s.fields()) {
                if (vitalFields.containsKey(f.id())) {
                    observations.stream().filter(o -> mentions(o, f.loinc()))
                            .filter(o -> section.getEntry().stream().noneMatch(r -> r.getReference()
                                    .equals(o.getIdElement().getValue())))
                            .forEach(o -> section.addEntry(new Reference(o.getIdElement().getValue())));
                }
            }
            record.addSection(section);
        }
        writes.addAll(observations);
        writes.add(record);
        if (!template.code().equals(stay.encounter().getExtensionString(Fhir.RECORD_TYPE_EXT))) {
            Encounter encounter = stay.encounter();
            encounter.getExtension().removeIf(e -> Fhir.RECORD_TYPE_EXT.equals(e.getUrl()));
            encounter.addExtension(Fhir.RECORD_TYPE_EXT, new CodeType(template.code()));
            writes.add(encounter);
        }
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, template, values, errors, existing.orElse(null));
            return "inpatient/record";
        }
        return "redirect:/noi-tru/" + stay.id() + "/benh-an?daLuu";
    }

    private static boolean mentions(Observation o, String loinc) {
        return o.getCode().getCoding().stream().anyMatch(c -> loinc.equals(c.getCode()))
                || o.getComponent().stream().anyMatch(c -> loinc.equals(c.getCode().getCodingFirstRep().getCode()));
    }

    private void check(RecordTemplate.Field f, String v, Stay stay, FormErrors errors) {
        if (v.isEmpty()) {
            if (f.required()) {
                errors.add(f.id(), "VNEMR-6309", f.label());
            }
            return;
        }
        switch (f.type()) {
            case "number" -> {
                if (f.loinc() != null && VitalSigns.byLoinc(f.loinc()).isPresent()) {
                    return;
                }
                try {
                    BigDecimal n = new BigDecimal(v.replace(',', '.'));
                    if ((f.min() != null && n.compareTo(f.min()) < 0) || (f.max() != null && n.compareTo(f.max()) > 0)) {
                        errors.add(f.id(), "VNEMR-6320", f.label(), plain(f.min()), plain(f.max()),
                                f.unit() == null ? "" : f.unit());
                    }
                } catch (NumberFormatException e) {
                    errors.add(f.id(), "VNEMR-6310", f.label());
                }
            }
            case "date" -> Times.parseDay(v, f.id(), errors);
            case "choice" -> {
                if (f.choices().stream().noneMatch(c -> c.code().equals(v))) {
                    errors.add(f.id(), "VNEMR-6312", f.label());
                }
            }
            case "icd" -> diagnoses.check(v, f.id(), stay.patient(), LocalDate.now(Fhir.ZONE), errors);
            default -> {
            }
        }
    }

    private static String plain(BigDecimal n) {
        return n == null ? "…" : n.toPlainString();
    }

    private static String shown(RecordTemplate.Field f, String v) {
        if ("choice".equals(f.type())) {
            return f.choices().stream().filter(c -> c.code().equals(v)).map(RecordTemplate.Choice::label)
                    .findFirst().orElse(v);
        }
        if ("date".equals(f.type())) {
            try {
                return Fhir.DAY.format(LocalDate.parse(v));
            } catch (RuntimeException e) {
                return v;
            }
        }
        return v;
    }

    private static String administrative(Stay stay) {
        return "<p><b>Họ và tên:</b> " + Fhir.escape(stay.patientName()) + "</p><p><b>Mã người bệnh:</b> "
                + Fhir.escape(stay.mrn()) + "</p><p><b>Ngày sinh:</b> " + stay.birth() + "</p><p><b>Giới tính:</b> "
                + stay.sex() + "</p><p><b>Vào viện lúc:</b> " + stay.admitted() + "</p><p><b>Khoa:</b> "
                + Fhir.escape(stay.departmentName()) + "</p>";
    }

    private Optional<Composition> existing(Stay stay, CurrentUser user) {
        return store.search(Composition.class, Map.of("encounter", List.of("Encounter/" + stay.id()),
                        "_count", List.of("200")), user).stream()
                .filter(c -> c.getType().getCodingFirstRep().getCode() != null
                        && c.getType().getCodingFirstRep().getCode().startsWith("benh-an-"))
                .filter(c -> c.getStatus() != Composition.CompositionStatus.ENTEREDINERROR)
                .findFirst();
    }

    private RecordTemplate chosen(Stay stay, String requested) {
        return templates.byCode(requested)
                .or(() -> templates.byCode(stay.encounter().getExtensionString(Fhir.RECORD_TYPE_EXT)))
                .orElseGet(() -> templates.forDepartmentKind(stay.department().getTypeFirstRep().getText()));
    }

    private void fill(Model model, Stay stay, RecordTemplate template, Map<String, String> values,
                      FormErrors errors, Composition existing) {
        model.addAttribute("stay", stay);
        model.addAttribute("template", template);
        model.addAttribute("templates", templates.all());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors.map());
        model.addAttribute("locked", existing != null && existing.getStatus() != Composition.CompositionStatus.PRELIMINARY);
        model.addAttribute("tab", "benh-an");
    }
}
