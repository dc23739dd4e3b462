package org.vnemr.fhir.schema;

import java.util.Locale;

/**
 * Table names of the store. Every resource type has a table of current versions and a table of older
 * versions; names are lower case and always double-quoted in SQL ({@code Group} → {@code "group"}).
 */
public final class Tables {

    private Tables() {
    }

    /** Current versions: one row per resource id, with the search columns. */
    public static String current(String resourceType) {
        return "\"" + resourceType.toLowerCase(Locale.ROOT) + "\"";
    }

    /** Superseded versions (and tombstoned ones): append-only. */
    public static String history(String resourceType) {
        return "\"" + resourceType.toLowerCase(Locale.ROOT) + "_history\"";
    }
}
