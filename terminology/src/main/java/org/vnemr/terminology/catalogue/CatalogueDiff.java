package org.vnemr.terminology.catalogue;

import java.util.List;

/**
 * What activating a pending version would change, against the latest activated version of the same catalogue
 * (everything is "added" when there is none yet).
 *
 * @param againstVersionId the version compared with, or null
 * @param unchanged        number of codes with the same name and fields in both
 */
public record CatalogueDiff(String versionId, String againstVersionId, List<CatalogueEntry> added,
                            List<CatalogueEntry> removed, List<Change> changed, int unchanged) {

    public CatalogueDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** A code present in both versions whose name or fields differ. */
    public record Change(String code, String display, List<FieldChange> fields) {

        public Change {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One field's old and new value; the name is the Ministry field name ({@code DON_GIA_BH}) or {@code display}
     * for the entry's name. A value missing on one side is null.
     */
    public record FieldChange(String field, String oldValue, String newValue) {
    }
}
