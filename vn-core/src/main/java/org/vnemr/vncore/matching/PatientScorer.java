package org.vnemr.vncore.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores an existing patient against a candidate, field by field, and says why. The points are a simple,
 * readable version of record-linkage weights: agreement on a field that few people share gives many
 * points, disagreement on a field that rarely changes takes points away.
 *
 * <table>
 *   <caption>Points</caption>
 *   <tr><th>field</th><th>agreement</th><th>disagreement</th></tr>
 *   <tr><td>identifier (CCCD, BHYT/BHXH, passport)</td><td>+100 same number</td><td>−60 different number of the same kind</td></tr>
 *   <tr><td>name</td><td>+40 exact, +34 reordered, +32 middle name missing, +26..+35 typos, +5 partly</td><td>−20</td></tr>
 *   <tr><td>birth date</td><td>+25 exact, +17 day/month swapped, +12 same year (one side year only), +3 same year</td><td>−15</td></tr>
 *   <tr><td>sex</td><td>+5</td><td>−15</td></tr>
 *   <tr><td>ward / province</td><td>+10 ward, +3 province</td><td>0 (people move)</td></tr>
 *   <tr><td>phone</td><td>+15</td><td>0 (numbers are shared and change)</td></tr>
 * </table>
 * Grades: certain = a shared identifier, no conflicting one and a name that is not different; probable ≥ 65
 * points; possible ≥ 45.
 */
public final class PatientScorer {

    static final int IDENTIFIER = 100;
    static final int NAME = 40;
    static final int BIRTH_DATE = 25;
    static final int SEX = 5;
    static final int ADDRESS = 10;
    static final int PHONE = 15;
    static final int MAX_WITHOUT_IDENTIFIER = NAME + BIRTH_DATE + SEX + ADDRESS + PHONE;
    static final int PROBABLE = 65;
    static final int POSSIBLE = 45;

    private PatientScorer() {
    }

    public static MatchScore score(PatientFacts candidate, PatientFacts existing) {
        List<ScoreComponent> parts = new ArrayList<>();
        boolean sharedIdentifier = identifiers(candidate, existing, parts);
        NameSimilarity.Result name = name(candidate, existing, parts);
        birthDate(candidate, existing, parts);
        sex(candidate, existing, parts);
        address(candidate, existing, parts);
        phone(candidate, existing, parts);
        int total = parts.stream().mapToInt(ScoreComponent::points).sum();
        boolean conflict = parts.stream().anyMatch(p -> p.field().equals("identifier") && p.points() < 0);
        MatchGrade grade;
        if (sharedIdentifier && !conflict && name.kind() != NameSimilarity.Kind.DIFFERENT) {
            grade = MatchGrade.CERTAIN;
        } else if (total >= PROBABLE) {
            grade = MatchGrade.PROBABLE;
        } else if (total >= POSSIBLE) {
            grade = MatchGrade.POSSIBLE;
        } else {
            grade = null;
        }
        return new MatchScore(List.copyOf(parts), total, grade);
    }

    private static boolean identifiers(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        Set<String> shared = new HashSet<>(a.identifierKeys());
        shared.retainAll(b.identifierKeys());
        for (String key : shared) {
            parts.add(component("identifier", "same", IDENTIFIER, IDENTIFIER, IdentifierKeys.kindOf(key)));
        }
        // a different number of the same kind (two CCCDs) is strong evidence of two people
        Set<String> kindsA = kinds(a.identifierKeys());
        Set<String> kindsB = kinds(b.identifierKeys());
        kindsA.retainAll(kindsB);
        for (String kind : kindsA) {
            boolean agree = shared.stream().anyMatch(k -> IdentifierKeys.kindOf(k).equals(kind));
            if (!agree) {
                parts.add(component("identifier", "different", IDENTIFIER, -60, kind));
            }
        }
        return !shared.isEmpty();
    }

    private static Set<String> kinds(Set<String> keys) {
        Set<String> kinds = new HashSet<>();
        keys.forEach(k -> kinds.add(IdentifierKeys.kindOf(k)));
        return kinds;
    }

    private static NameSimilarity.Result name(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        NameSimilarity.Result result = NameSimilarity.compare(a.nameTokens(), b.nameTokens());
        int points = switch (result.kind()) {
            case EXACT -> NAME;
            case REORDERED -> 34;
            case MIDDLE_NAME_MISSING -> 32;
            case SIMILAR -> (int) Math.round(60 * result.similarity() - 25);
            case PARTLY -> 5;
            case DIFFERENT -> -20;
            case MISSING -> 0;
        };
        String comparison = switch (result.kind()) {
            case EXACT -> "exact";
            case REORDERED -> "reordered";
            case MIDDLE_NAME_MISSING -> "middle-name-missing";
            case SIMILAR -> "similar";
            case PARTLY -> "partly";
            case DIFFERENT -> "different";
            case MISSING -> "missing";
        };
        parts.add(component("name", comparison, NAME, points,
                String.format(java.util.Locale.ROOT, "%.2f", result.similarity())));
        return result;
    }

    private static void birthDate(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        if (a.birthYear() == 0 || b.birthYear() == 0) {
            parts.add(component("birthDate", "missing", BIRTH_DATE, 0));
            return;
        }
        LocalDate da = a.birthDate();
        LocalDate db = b.birthDate();
        if (da != null && db != null) {
            if (da.equals(db)) {
                parts.add(component("birthDate", "exact", BIRTH_DATE, BIRTH_DATE));
            } else if (da.getYear() == db.getYear() && da.getMonthValue() == db.getDayOfMonth()
                    && da.getDayOfMonth() == db.getMonthValue()) {
                parts.add(component("birthDate", "day-month-swapped", BIRTH_DATE, 17));
            } else if (da.getYear() == db.getYear()) {
                parts.add(component("birthDate", "same-year", BIRTH_DATE, 3));
            } else {
                parts.add(component("birthDate", "different", BIRTH_DATE, -15));
            }
        } else if (a.birthYear() == b.birthYear()) {
            parts.add(component("birthDate", "year-only", BIRTH_DATE, 12));
        } else {
            parts.add(component("birthDate", "different", BIRTH_DATE, -15));
        }
    }

    private static void sex(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        boolean known = a.sex() != null && b.sex() != null && !"unknown".equals(a.sex()) && !"unknown".equals(b.sex());
        if (!known) {
            parts.add(component("gender", "missing", SEX, 0));
        } else if (a.sex().equals(b.sex())) {
            parts.add(component("gender", "same", SEX, SEX));
        } else {
            parts.add(component("gender", "different", SEX, -15));
        }
    }

    private static void address(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        if (a.ward() != null && a.ward().equals(b.ward())) {
            parts.add(component("address", "same-ward", ADDRESS, ADDRESS));
        } else if (a.province() != null && a.province().equals(b.province())) {
            parts.add(component("address", "same-province", ADDRESS, 3));
        } else if ((a.ward() == null && a.province() == null) || (b.ward() == null && b.province() == null)) {
            parts.add(component("address", "missing", ADDRESS, 0));
        } else {
            parts.add(component("address", "different", ADDRESS, 0));
        }
    }

    private static void phone(PatientFacts a, PatientFacts b, List<ScoreComponent> parts) {
        if (a.phones().isEmpty() || b.phones().isEmpty()) {
            parts.add(component("telecom", "missing", PHONE, 0));
        } else if (a.phones().stream().anyMatch(b.phones()::contains)) {
            parts.add(component("telecom", "same", PHONE, PHONE));
        } else {
            parts.add(component("telecom", "different", PHONE, 0));
        }
    }

    private static ScoreComponent component(String field, String comparison, int weight, int points,
                                            Object... args) {
        return new ScoreComponent(field, comparison, weight, points, MatchLabels.vietnamese(field, comparison, args));
    }
}
