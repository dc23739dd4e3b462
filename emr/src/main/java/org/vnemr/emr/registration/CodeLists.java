package org.vnemr.emr.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.ObjectProvider;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.vncore.codes.VnCoreCodeSystems;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The choices of the registration selects: MA_LOAI_KCB and MA_DOITUONG_KCB from the catalogue version in force
 * today when the facility imported one, else from the VN Core code systems; ethnicities from VN Core.
 */
public class CodeLists {

    /** One option of a select. */
    public record Option(String code, String display) {
    }

    private final ObjectProvider<Catalogues> catalogues;
    private final VnCoreCodeSystems vnCore = new VnCoreCodeSystems();

    public CodeLists(ObjectProvider<Catalogues> catalogues) {
        this.catalogues = catalogues;
    }

    public List<Option> visitTypes(LocalDate day) {
        return fromCatalogue(CatalogueKind.VISIT_TYPE, day).orElseGet(() -> fromVnCore(CatalogueKind.VISIT_TYPE.system()));
    }

    public List<Option> insuranceCategories(LocalDate day) {
        return fromCatalogue(CatalogueKind.PATIENT_CATEGORY, day)
                .orElseGet(() -> fromVnCore(CatalogueKind.PATIENT_CATEGORY.system()));
    }

    public List<Option> ethnicities() {
        return fromVnCore(org.vnemr.vncore.VnCoreUrls.CS_ETHNICITY);
    }

    /** The first active service whose name starts with "Khám" in the catalogue in force that day. */
    public Optional<String> firstExamination(LocalDate day) {
        return entriesOn(CatalogueKind.SERVICE, day).flatMap(entries -> entries.stream()
                .filter(e -> e.display() != null && e.display().startsWith("Khám")).map(CatalogueEntry::code)
                .findFirst());
    }

    public String display(List<Option> options, String code) {
        return options.stream().filter(o -> o.code().equals(code)).map(Option::display).findFirst().orElse(code);
    }

    private Optional<List<Option>> fromCatalogue(CatalogueKind kind, LocalDate day) {
        return entriesOn(kind, day).map(entries -> entries.stream()
                .map(e -> new Option(e.code(), e.display())).toList());
    }

    private Optional<List<CatalogueEntry>> entriesOn(CatalogueKind kind, LocalDate day) {
        Catalogues c = catalogues.getIfAvailable();
        if (c == null) {
            return Optional.empty();
        }
        return c.versions(kind).stream().filter(v -> v.inForceOn(day)).findFirst().map(CatalogueVersion::id)
                .map(c::entries).filter(l -> !l.isEmpty());
    }

    private List<Option> fromVnCore(String system) {
        List<Option> options = new ArrayList<>();
        for (ObjectNode cs : vnCore.resources()) {
            if (system.equals(cs.path("url").asText())) {
                for (JsonNode concept : cs.path("concept")) {
                    options.add(new Option(concept.path("code").asText(), concept.path("display").asText()));
                }
            }
        }
        return options;
    }
}
