package org.vnemr.vncore.matching;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys: a candidate is scored only against patients that share at least one key with it, so a
 * match call reads tens of rows instead of the whole register. A stored patient carries few keys; a
 * candidate asks for more (every name token as a possible tên, the day/month-swapped date), so a
 * reordered name or a swapped date still meets the stored patient.
 * <ul>
 *   <li>{@code id:CCCD:079190001234} — each identifier key;</li>
 *   <li>{@code gy:an:1990} — tên + birth year (catches missing middle names, typos elsewhere, year-only dates);</li>
 *   <li>{@code bd:1990-05-12} — full birth date (catches typos in the tên);</li>
 *   <li>{@code gw:an:26734} — tên + ward (finds a patient for a candidate without a birth date; asked only
 *       then, because in a district hospital one ward holds thousands of patients);</li>
 *   <li>{@code ph:0912345678} — phone number.</li>
 * </ul>
 */
final class PatientMatchKeys {

    private PatientMatchKeys() {
    }

    /** The keys stored for an existing patient. */
    static Set<String> stored(PatientFacts p) {
        Set<String> keys = new LinkedHashSet<>();
        p.identifierKeys().forEach(k -> keys.add("id:" + k));
        String given = p.givenName();
        if (given != null && p.birthYear() != 0) {
            keys.add("gy:" + given + ":" + p.birthYear());
        }
        if (p.birthDate() != null) {
            keys.add("bd:" + p.birthDate());
        }
        if (given != null && p.ward() != null) {
            keys.add("gw:" + given + ":" + p.ward());
        }
        p.phones().forEach(phone -> keys.add("ph:" + phone));
        return keys;
    }

    /** The keys to look up for a candidate: every stored key it could share with a real duplicate. */
    static Set<String> wanted(PatientFacts p) {
        Set<String> keys = new LinkedHashSet<>();
        p.identifierKeys().forEach(k -> keys.add("id:" + k));
        for (String token : new LinkedHashSet<>(p.nameTokens())) {
            if (p.birthYear() != 0) {
                keys.add("gy:" + token + ":" + p.birthYear());
            }
            if (p.ward() != null && p.birthYear() == 0) {
                keys.add("gw:" + token + ":" + p.ward());
            }
        }
        LocalDate date = p.birthDate();
        if (date != null) {
            keys.add("bd:" + date);
            if (date.getDayOfMonth() <= 12 && date.getDayOfMonth() != date.getMonthValue()) {
                keys.add("bd:" + LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue()));
            }
        }
        p.phones().forEach(phone -> keys.add("ph:" + phone));
        return keys;
    }
}
