package org.vnemr.bench.ui;

import org.vnemr.bench.LatencyStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * Drives N simulated users through a journey of pages, each in its own thread with its own session: every user logs
 * in, and once all are in, loops over the steps until the time is up.
 *
 * <p>The warm-up runs the journey with no pause at all, so class loading, the JIT and the caches reach the state of
 * a node that has been open all morning; samples taken then are dropped. With a think time, each pause is drawn
 * uniformly between half and one and a half times it (from a seed per user, so a run can be repeated), and the
 * clock starts one think time after the warm-up, once the users have spread out: people at fifty desks do not click
 * in step, and equal pauses would make them (fifty requests landing in the same millisecond, every time).
 */
public final class UiLoadHarness {

    /**
     * Run parameters. {@code login} gives user {@code i} (0-based) a logged-in session; {@code initialState} what
     * user {@code i}'s journey starts from (e.g. its clinic room).
     */
    public record Options(int users, Duration measured, Duration warmUp, Duration thinkTime,
                          IntFunction<UiSession> login, IntFunction<Map<String, String>> initialState) {
    }

    /** One timed page. */
    public record Sample(int step, long nanos, PageVerdict verdict, String problem) {
    }

    private UiLoadHarness() {
    }

    public static UiLoadReport run(Options options, List<JourneyStep> journey) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> loginFailures = new ConcurrentLinkedQueue<>();
        CountDownLatch loggedIn = new CountDownLatch(options.users());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(options.users());
        long[] window = new long[3]; // warm-up end, measure from, end: set once everybody is logged in
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < options.users(); u++) {
            int user = u;
            Thread t = new Thread(() -> {
                try {
                    UiSession session;
                    try {
                        session = options.login().apply(user);
                    } catch (RuntimeException e) {
                        loginFailures.add(e.getMessage());
                        return;
                    } finally {
                        loggedIn.countDown();
                    }
                    go.await();
                    long warmUpEnd = window[0];
                    long measureFrom = window[1];
                    long end = window[2];
                    Random pace = new Random(user * 7919L + 1);
                    Map<String, String> state = new HashMap<>(options.initialState().apply(user));
                    while (System.nanoTime() < end) {
                        for (int s = 0; s < journey.size() && System.nanoTime() < end; s++) {
                            long t0 = System.nanoTime();
                            Sample sample;
                            try {
                                UiSession.Response answer = journey.get(s).action().run(session, state);
                                long took = System.nanoTime() - t0;
                                PageVerdict verdict = PageVerdict.of(answer.status(), answer.body());
                                sample = new Sample(s, took, verdict, verdict == PageVerdict.OK ? null
                                        : answer.status() + " " + abbreviate(answer.body()));
                            } catch (RuntimeException e) {
                                sample = new Sample(s, System.nanoTime() - t0, PageVerdict.ERROR, e.toString());
                            }
                            if (t0 >= measureFrom) {
                                samples.add(sample);
                            }
                            if (System.nanoTime() >= warmUpEnd) {
                                pause(think(options.thinkTime(), pace));
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "clinician-" + u);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        // logging in (a deliberately slow password hash) is not part of the journey: the clock starts after it
        loggedIn.await();
        window[0] = System.nanoTime() + options.warmUp().toNanos();
        window[1] = window[0] + options.thinkTime().toNanos();
        window[2] = window[1] + options.measured().toNanos();
        go.countDown();
        done.await();
        if (!loginFailures.isEmpty()) {
            throw new IllegalStateException(loginFailures.size() + " users could not log in: " + loginFailures.peek());
        }
        double seconds = Math.max(0, (Math.min(System.nanoTime(), window[2]) - window[1]) / 1e9);
        return summarise(journey.stream().map(JourneyStep::name).toList(), List.copyOf(samples), options.users(),
                seconds);
    }

    /** The report of these samples (steps by index into {@code stepNames}). */
    public static UiLoadReport summarise(List<String> stepNames, List<Sample> samples, int users, double seconds) {
        List<UiLoadReport.StepReport> steps = new ArrayList<>();
        long errors = 0;
        long missing = 0;
        List<Long> all = new ArrayList<>();
        for (int s = 0; s < stepNames.size(); s++) {
            List<Long> nanos = new ArrayList<>();
            long stepErrors = 0;
            long stepMissing = 0;
            String first = null;
            for (Sample sample : samples) {
                if (sample.step() != s) {
                    continue;
                }
                nanos.add(sample.nanos());
                if (sample.verdict() == PageVerdict.ERROR) {
                    stepErrors++;
                } else if (sample.verdict() == PageVerdict.ROUTE_MISSING) {
                    stepMissing++;
                }
                if (first == null && sample.problem() != null) {
                    first = sample.problem();
                }
            }
            all.addAll(nanos);
            errors += stepErrors;
            missing += stepMissing;
            steps.add(new UiLoadReport.StepReport(stepNames.get(s), LatencyStats.ofNanos(toArray(nanos)), stepErrors,
                    stepMissing, first));
        }
        return new UiLoadReport(users, seconds, steps, LatencyStats.ofNanos(toArray(all)), all.size(), errors,
                missing);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    /** A pause of {@code mean} ± 50 %, uniformly; none when the mean is zero. */
    static long think(Duration mean, Random pace) {
        long millis = mean.toMillis();
        return millis <= 0 ? 0 : millis / 2 + (long) (pace.nextDouble() * millis);
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
