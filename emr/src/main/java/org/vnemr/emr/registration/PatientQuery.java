package org.vnemr.emr.registration;

import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.identity.PhoneNumber;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the clerk typed in the one search box, read the way the desk uses it: 12 digits = CCCD, 15 characters or 10
 * digits = BHYT card, a number starting with 0 or +84 = phone, {@code BN…} = patient number, anything else = a name
 * (the store folds accents and case, so "nguyen van" finds "Nguyễn Văn").
 */
record PatientQuery(String kind, Map<String, List<String>> params) {

    static final int ROWS = 20;

    static PatientQuery of(String typed) {
        String q = typed == null ? "" : typed.strip();
        String compact = q.replaceAll("[\\s.\\-]", "");
        String count = String.valueOf(ROWS);
        if (compact.matches("\\d{12}")) {
            return identifier("cccd", VnCoreUrls.SID_CCCD, compact);
        }
        if (compact.startsWith("+84") || (compact.startsWith("0") && compact.matches("\\d{9,11}"))) {
            String phone = PhoneNumber.parse(compact).toOptional().map(PhoneNumber::national).orElse(compact);
            return new PatientQuery("phone", Map.of("telecom", List.of(phone), "_count", List.of(count)));
        }
        if (compact.matches("(?i)[a-z]{2}\\d{13}") || compact.matches("\\d{10}")) {
            return identifier("bhyt", VnCoreUrls.SID_BHYT, compact.toUpperCase(Locale.ROOT));
        }
        if (compact.matches("(?i)bn\\d{1,8}")) {
            String digits = compact.substring(2);
            return identifier("mrn", PatientForm.MRN_SYSTEM, "BN" + "0".repeat(8 - digits.length()) + digits);
        }
        return new PatientQuery("name", Map.of("name", List.of(q), "_count", List.of(count)));
    }

    private static PatientQuery identifier(String kind, String system, String value) {
        return new PatientQuery(kind, Map.of("identifier", List.of(system + "|" + value),
                "_count", List.of(String.valueOf(ROWS))));
    }
}
