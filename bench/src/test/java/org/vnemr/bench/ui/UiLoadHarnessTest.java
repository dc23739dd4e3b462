package org.vnemr.bench.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The load report's arithmetic: nearest-rank percentiles per step and overall, errors, missing routes, pages/s. */
class UiLoadHarnessTest {

    private static UiLoadHarness.Sample ok(int step, long millis) {
        return new UiLoadHarness.Sample(step, millis * 1_000_000L, PageVerdict.OK, null);
    }

    @Test
    void percentilesPerStep_areNearestRankOverTheMeasuredSamples() {
        List<UiLoadHarness.Sample> samples = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            samples.add(ok(0, ms));          // 1..100 ms
        }
        for (int i = 0; i < 20; i++) {
            samples.add(ok(1, i < 19 ? 10 : 500)); // one slow page in twenty
        }
        UiLoadReport report = UiLoadHarness.summarise(List.of("queue", "visit"), samples, 5, 10.0);

        UiLoadReport.StepReport queue = report.steps().get(0);
        assertThat(queue.latency().count()).isEqualTo(100);
        assertThat(queue.latency().p50()).isEqualTo(50.0);
        assertThat(queue.latency().p95()).isEqualTo(95.0);
        assertThat(queue.latency().p99()).isEqualTo(99.0);
        assertThat(queue.latency().max()).isEqualTo(100.0);

        UiLoadReport.StepReport visit = report.steps().get(1);
        assertThat(visit.latency().p95()).isEqualTo(10.0);   // rank ⌈0.95·20⌉ = 19: still a fast page
        assertThat(visit.latency().max()).isEqualTo(500.0);

        assertThat(report.overall().count()).isEqualTo(120);
        assertThat(report.pages()).isEqualTo(120);
        assertThat(report.pagesPerSecond()).isEqualTo(12.0);
    }

    @Test
    void errorsAndMissingRoutes_areCountedApart_withTheFirstProblemKept() {
        List<UiLoadHarness.Sample> samples = List.of(ok(0, 5),
                new UiLoadHarness.Sample(0, 7_000_000L, PageVerdict.ERROR, "500 boom"),
                new UiLoadHarness.Sample(1, 2_000_000L, PageVerdict.ROUTE_MISSING, "404"),
                new UiLoadHarness.Sample(1, 2_000_000L, PageVerdict.ROUTE_MISSING, "404"));
        UiLoadReport report = UiLoadHarness.summarise(List.of("a", "b"), samples, 1, 1.0);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.routeMissing()).isEqualTo(2);
        assertThat(report.steps().get(0).firstError()).isEqualTo("500 boom");
        assertThat(report.steps().get(1).routeMissing()).isEqualTo(2);
        assertThat(report.steps().get(1).errors()).isZero();
    }

    @Test
    void aPageIsJudgedByStatusAndByFailureMarkersInside() {
        assertThat(PageVerdict.of(200, "<main>Hàng đợi</main>")).isEqualTo(PageVerdict.OK);
        assertThat(PageVerdict.of(302, "")).isEqualTo(PageVerdict.OK);
        assertThat(PageVerdict.of(404, "")).isEqualTo(PageVerdict.ROUTE_MISSING);
        assertThat(PageVerdict.of(500, "")).isEqualTo(PageVerdict.ERROR);
        assertThat(PageVerdict.of(403, "")).isEqualTo(PageVerdict.ERROR);
        assertThat(PageVerdict.of(200, "<h1>Whitelabel Error Page</h1>")).isEqualTo(PageVerdict.ERROR);
    }

    @Test
    void pausesSpreadBetweenHalfAndOneAndAHalfTimesTheThinkTime() {
        java.util.Random pace = new java.util.Random(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            long pause = UiLoadHarness.think(java.time.Duration.ofMillis(3000), pace);
            min = Math.min(min, pause);
            max = Math.max(max, pause);
            sum += pause;
        }
        assertThat(min).isGreaterThanOrEqualTo(1500).isLessThan(1600);
        assertThat(max).isLessThan(4500).isGreaterThan(4400);
        assertThat(sum / 10_000).isBetween(2950.0, 3050.0);
        assertThat(UiLoadHarness.think(java.time.Duration.ZERO, pace)).isZero();
    }
}
