package org.vnemr.emr.outpatient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.fhir.text.VietnameseText;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services a doctor may order today: the DVKT catalogue version in force, searched by name without diacritics
 * ("sieu am" finds "Siêu âm ổ bụng") or by code prefix.
 */
@Component
class ServiceCatalogue {

    /** One orderable service with its order category. */
    public record Service(String code, String name, String unit, OrderCategory category) {
        public String categoryLabel() {
            return category.label();
        }
    }

    private final ObjectProvider<Catalogues> catalogues;

    ServiceCatalogue(ObjectProvider<Catalogues> catalogues) {
        this.catalogues = catalogues;
    }

    List<Service> search(String text, int count) {
        String folded = VietnameseText.fold(text == null ? "" : text).strip();
        String[] words = folded.isEmpty() ? new String[0] : folded.split("\\s+");
        List<Service> hits = new ArrayList<>();
        for (CatalogueEntry entry : entries()) {
            String name = VietnameseText.fold(entry.display());
            boolean match = entry.code().startsWith(text == null ? "" : text.strip());
            if (!match) {
                match = true;
                for (String w : words) {
                    match &= name.contains(w);
                }
            }
            if (match) {
                hits.add(service(entry));
                if (hits.size() >= count) {
                    break;
                }
            }
        }
        return hits;
    }

    Optional<Service> find(String code) {
        return entries().stream().filter(e -> e.code().equals(code)).findFirst().map(ServiceCatalogue::service);
    }

    private List<CatalogueEntry> entries() {
        Catalogues c = catalogues.getIfAvailable();
        if (c == null) {
            return List.of();
        }
        LocalDate today = LocalDate.now(Visits.VIETNAM);
        return c.versions(CatalogueKind.SERVICE).stream().filter(v -> v.inForceOn(today)).findFirst()
                .map(CatalogueVersion::id).map(c::entries).orElse(List.of());
    }

    private static Service service(CatalogueEntry e) {
        return new Service(e.code(), e.display(), e.field("DON_VI_TINH"), OrderCategory.ofServiceCode(e.code()));
    }
}
