package org.vnemr.vncore.synthetic;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Họ tên tiếng Việt tổng hợp: family, middle and given names with realistic weights (Nguyễn ≈ 38 % …), read once
 * from {@code vnemr/synthetic/names.csv}. Shared by the benchmark's patient generator and the demo facility, which
 * live in modules that cannot see each other.
 */
public final class VietnameseNames {

    /** The class-path file both generators read. */
    public static final String RESOURCE = "vnemr/synthetic/names.csv";

    /** One person's name: {@code text} is "family middle given" as printed on papers. */
    public record Name(String family, String middle, String given) {
        public String text() {
            return family + " " + middle + " " + given;
        }
    }

    private final Weighted<String> family;
    private final Weighted<String> maleMiddle;
    private final Weighted<String> femaleMiddle;
    private final Weighted<String> maleGiven;
    private final Weighted<String> femaleGiven;

    private VietnameseNames() {
        Weighted.Builder<String> familyB = Weighted.builder();
        Weighted.Builder<String> maleMiddleB = Weighted.builder();
        Weighted.Builder<String> femaleMiddleB = Weighted.builder();
        Weighted.Builder<String> maleGivenB = Weighted.builder();
        Weighted.Builder<String> femaleGivenB = Weighted.builder();
        for (Map<String, String> row : Csv.read(RESOURCE)) {
            String name = row.get("name");
            int weight = Integer.parseInt(row.get("weight"));
            boolean male = row.get("sex").equals("M");
            switch (row.get("part")) {
                case "family" -> familyB.add(name, weight);
                case "middle" -> (male ? maleMiddleB : femaleMiddleB).add(name, weight);
                case "given" -> (male ? maleGivenB : femaleGivenB).add(name, weight);
                default -> throw new IllegalStateException("unknown name part in names.csv: " + row);
            }
        }
        family = familyB.build();
        maleMiddle = maleMiddleB.build();
        femaleMiddle = femaleMiddleB.build();
        maleGiven = maleGivenB.build();
        femaleGiven = femaleGivenB.build();
    }

    private static final class Holder {
        static final VietnameseNames INSTANCE = new VietnameseNames();
    }

    public static VietnameseNames get() {
        return Holder.INSTANCE;
    }

    public Weighted<String> families() {
        return family;
    }

    public Weighted<String> middles(boolean male) {
        return male ? maleMiddle : femaleMiddle;
    }

    public Weighted<String> givens(boolean male) {
        return male ? maleGiven : femaleGiven;
    }

    /** A name for a man or a woman; the draws are in the order family, middle, given. */
    public Name pick(SplittableRandom random, boolean male) {
        String f = family.pick(random);
        String m = middles(male).pick(random);
        String g = givens(male).pick(random);
        return new Name(f, m, g);
    }
}
