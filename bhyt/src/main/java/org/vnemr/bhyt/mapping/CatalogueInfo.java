package org.vnemr.bhyt.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * What the XML needs about a drug or supply that the visit record does not hold, because it belongs to the
 * facility's catalogue (strength, registration number, tender information, dosage form).
 */
public interface CatalogueInfo {

    Optional<Entry> find(String system, String code);

    /** HAM_LUONG, SO_DANG_KY, TT_THAU, DANG_BAO_CHE of one catalogue item. */
    record Entry(String hamLuong, String soDangKy, String ttThau, String dangBaoChe) {
    }

    static CatalogueInfo none() {
        return (system, code) -> Optional.empty();
    }

    /** Entries keyed by {@code system|code}. */
    static CatalogueInfo of(Map<String, Entry> entries) {
        return (system, code) -> Optional.ofNullable(entries.get(system + "|" + code));
    }
}
