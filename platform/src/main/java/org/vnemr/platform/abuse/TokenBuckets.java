package org.vnemr.platform.abuse;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per key (an account, an address): each holds at most {@code capacity} tokens and regains
 * {@code perSecond} of them every second; a request takes one. An empty bucket answers how many seconds until a
 * token is back, for {@code Retry-After}. Idle buckets are forgotten so an attacker cycling addresses cannot grow
 * the map without bound (at most {@link #MAX_KEYS} keys; beyond that, full buckets are dropped first).
 */
public final class TokenBuckets {

    static final int MAX_KEYS = 100_000;

    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    public TokenBuckets(double capacity, double perSecond, Clock clock) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a bucket needs capacity ≥ 1 and a positive rate");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Takes a token for {@code key}: empty when allowed, else the seconds to wait (at least 1). */
    public OptionalLong take(String key) {
        long now = nanos();
        if (buckets.size() >= MAX_KEYS) {
            prune(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.lastNanos) / 1e9 * perSecond);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
        }
    }

    private void prune(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (now - b.lastNanos) / 1e9 * perSecond >= capacity;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private long nanos() {
        return clock.millis() * 1_000_000L;
    }
}
