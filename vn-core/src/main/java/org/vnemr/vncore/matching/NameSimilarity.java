package org.vnemr.vncore.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares two folded Vietnamese names token by token. Written for the ways one person's name differs
 * between two registrations: diacritics typed or not (folding removes them), the order changed ("Văn An
 * Nguyễn" from a foreign form), a middle name left out ("Nguyễn An" for "Nguyễn Văn An", most often the
 * generic "Thị"/"Văn"), and typing errors (Jaro-Winkler on each token pair).
 */
final class NameSimilarity {

    /** Middle names carried by so many people that leaving them out says little. */
    static final Set<String> COMMON_MIDDLE_NAMES = Set.of("thi", "van");

    enum Kind { EXACT, REORDERED, MIDDLE_NAME_MISSING, SIMILAR, PARTLY, DIFFERENT, MISSING }

    record Result(Kind kind, double similarity) {
    }

    private NameSimilarity() {
    }

    static Result compare(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return new Result(Kind.MISSING, 0);
        }
        if (a.equals(b)) {
            return new Result(Kind.EXACT, 1.0);
        }
        if (a.size() == b.size() && sorted(a).equals(sorted(b))) {
            return new Result(Kind.REORDERED, 0.95);
        }
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        // greedy best-pair alignment: take the most similar pair left, again and again
        boolean[] usedShort = new boolean[shorter.size()];
        boolean[] usedLong = new boolean[longer.size()];
        double sum = 0;
        double min = 1;
        for (int round = 0; round < shorter.size(); round++) {
            double best = -1;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < shorter.size(); i++) {
                if (usedShort[i]) {
                    continue;
                }
                for (int j = 0; j < longer.size(); j++) {
                    if (!usedLong[j]) {
                        double s = JaroWinkler.similarity(shorter.get(i), longer.get(j));
                        if (s > best) {
                            best = s;
                            bi = i;
                            bj = j;
                        }
                    }
                }
            }
            usedShort[bi] = true;
            usedLong[bj] = true;
            sum += best;
            min = Math.min(min, best);
        }
        double mean = sum / shorter.size();
        List<String> leftOver = new ArrayList<>();
        for (int j = 0; j < longer.size(); j++) {
            if (!usedLong[j]) {
                leftOver.add(longer.get(j));
            }
        }
        if (min == 1.0 && leftOver.size() == 1 && shorter.size() >= 2) {
            boolean family = leftOver.get(0).equals(longer.get(0));
            boolean given = leftOver.get(0).equals(longer.get(longer.size() - 1));
            if (!family && !given || COMMON_MIDDLE_NAMES.contains(leftOver.get(0))) {
                return new Result(Kind.MIDDLE_NAME_MISSING, 0.9);
            }
        }
        double penalty = 0;
        for (String extra : leftOver) {
            penalty += COMMON_MIDDLE_NAMES.contains(extra) ? 0.04 : 0.1;
        }
        double similarity = Math.max(0, mean - penalty);
        if (min >= 0.8 && similarity >= 0.85) {
            return new Result(Kind.SIMILAR, similarity);
        }
        if (similarity >= 0.7 && min >= 0.6) {
            return new Result(Kind.PARTLY, similarity);
        }
        return new Result(Kind.DIFFERENT, similarity);
    }

    private static List<String> sorted(List<String> tokens) {
        List<String> copy = new ArrayList<>(tokens);
        copy.sort(null);
        return copy;
    }
}
