package org.vnemr.vncore.address;

/**
 * Where a legacy commune went in 07/2025, as far as the shipped data can tell.
 *
 * @param provinceCode the 2025 province (always known: provinces merged whole)
 * @param wardCode     the 2025 ward, or {@code null} when the data cannot tell
 * @param basis        how the ward was found
 */
public record WardMapping(String provinceCode, String wardCode, Basis basis) {

    public enum Basis {
        /** The 2025 ward carries the legacy commune's code: it took that commune's code when formed. */
        SAME_CODE,
        /**
         * The only 2025 ward of the province with the commune's name, carrying the code of another commune of the
         * same legacy district (a weaker guess; a clerk should confirm).
         */
        SAME_NAME,
        /** The 2025 list does not record which communes formed each ward: only the province is known. */
        PROVINCE_ONLY
    }
}
