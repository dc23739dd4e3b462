package org.vnemr.vncore.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** An immutable list of choices with integer weights, picked with a caller-supplied random source. */
public final class Weighted<T> {

    private final List<T> items;
    private final int[] cumulative;

    private Weighted(List<T> items, int[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public T pick(SplittableRandom random) {
        int r = random.nextInt(cumulative[cumulative.length - 1]);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return items.get(lo);
    }

    public List<T> items() {
        return items;
    }

    public static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Integer> weights = new ArrayList<>();

        public Builder<T> add(T item, int weight) {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + item);
            }
            items.add(item);
            weights.add(weight);
            return this;
        }

        public Weighted<T> build() {
            if (items.isEmpty()) {
                throw new IllegalStateException("no choices");
            }
            int[] cumulative = new int[weights.size()];
            int sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new Weighted<>(List.copyOf(items), cumulative);
        }
    }
}
