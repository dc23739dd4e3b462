package org.vnemr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentiles_useNearestRank_onOneToHundred() {
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // unsorted on purpose
        }
        LatencyStats stats = LatencyStats.ofMillis(samples);
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void highPercentiles_ofFewSamples_areTheLargestSample() {
        LatencyStats stats = LatencyStats.ofMillis(new double[] {3, 1, 2, 10, 4, 5, 6, 7, 8, 9});
        assertThat(stats.p50()).isEqualTo(5);
        assertThat(stats.p95()).isEqualTo(10);
        assertThat(stats.p99()).isEqualTo(10);
    }

    @Test
    void aSingleSample_isEveryPercentile() {
        LatencyStats stats = LatencyStats.ofMillis(new double[] {7.5});
        assertThat(stats.p50()).isEqualTo(7.5);
        assertThat(stats.p99()).isEqualTo(7.5);
    }

    @Test
    void nanoseconds_areReportedAsMilliseconds() {
        LatencyStats stats = LatencyStats.ofNanos(new long[] {1_000_000, 2_500_000});
        assertThat(stats.p50()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(2.5);
    }

    @Test
    void noSamples_giveEmptyStats_andPercentileRejectsThem() {
        assertThat(LatencyStats.ofMillis(new double[0])).isEqualTo(LatencyStats.EMPTY);
        assertThat(LatencyStats.EMPTY.count()).isZero();
        assertThatThrownBy(() -> LatencyStats.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
