package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.CodeSystem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.fhir.text.VietnameseText;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Danh mục thuốc đang áp dụng: the DRUG catalogue version in force today, searched by folded name or active
 * ingredient. A version never changes once imported, so its rows are kept in memory per version id; a newly
 * activated version is picked up on the next search.
 */
@Component
public class DrugCatalogue {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String ROUTE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/drug-route";

    private final ObjectProvider<Catalogues> catalogues;
    private final ClinicalStore store;
    private final Map<String, List<Drug>> byVersion = new ConcurrentHashMap<>();

    public DrugCatalogue(ObjectProvider<Catalogues> catalogues, ClinicalStore store) {
        this.catalogues = catalogues;
        this.store = store;
    }

    public static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    /** Up to {@code limit} drugs whose folded name, ingredient or code contains every word of {@code query}. */
    public List<Drug> search(String query, int limit) {
        String folded = VietnameseText.fold(query == null ? "" : query);
        if (folded.isBlank()) {
            return List.of();
        }
        String[] words = folded.split(" ");
        return drugsInForce().stream().filter(d -> {
            String haystack = VietnameseText.fold(d.name() + " " + d.ingredient() + " " + d.code());
            for (String w : words) {
                if (!haystack.contains(w)) {
                    return false;
                }
            }
            return true;
        }).limit(limit).toList();
    }

    /** The drug of {@code code} in the version in force today. */
    public Optional<Drug> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return drugsInForce().stream().filter(d -> d.code().equals(code.trim())).findFirst();
    }

    /**
     * Route choices: the concepts of the drug-route CodeSystem when the facility loaded one, otherwise the routes
     * the drugs in force use (code → name).
     */
    public Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        List<CodeSystem> systems = store.searchReference(CodeSystem.class, Map.of("url", List.of(ROUTE_SYSTEM)));
        if (!systems.isEmpty()) {
            systems.get(0).getConcept().forEach(c -> routes.put(c.getCode(), c.getDisplay()));
            return routes;
        }
        for (Drug d : drugsInForce()) {
            if (d.routeCode() != null) {
                routes.putIfAbsent(d.routeCode(), d.routeName() == null ? d.routeCode() : d.routeName());
            }
        }
        return routes;
    }

    List<Drug> drugsInForce() {
        Catalogues all = catalogues.getIfAvailable();
        if (all == null) {
            return List.of();
        }
        LocalDate day = today();
        Optional<CatalogueVersion> version = all.versions(CatalogueKind.DRUG).stream()
                .filter(v -> v.inForceOn(day)).findFirst();
        return version.map(v -> byVersion.computeIfAbsent(v.id(), id -> all.entries(id).stream()
                .filter(e -> inForce(e, day)).map(DrugCatalogue::drug).toList())).orElse(List.of());
    }

    private static boolean inForce(CatalogueEntry e, LocalDate day) {
        return (e.validFrom() == null || !day.isBefore(e.validFrom()))
                && (e.validTo() == null || !day.isAfter(e.validTo()));
    }

    static Drug drug(CatalogueEntry e) {
        return new Drug(e.code(), e.display(), e.field("MA_HOAT_CHAT"), e.field("TEN_HOAT_CHAT"),
                e.field("HAM_LUONG"), e.field("DUONG_DUNG"), e.field("TEN_DUONG_DUNG"), e.field("DON_VI_TINH"),
                e.field("SO_DANG_KY"), e.bhytPrice());
    }
}
