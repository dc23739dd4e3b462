package org.vnemr.bench.ui;

import java.util.Map;

/**
 * One page of a simulated user's journey: a name for the report, and what it does with the session and what the
 * earlier steps found (e.g. the visit id opened from the queue).
 */
public record JourneyStep(String name, Action action) {

    /** Sends the request(s) of the step; the answer is what is timed and judged. */
    @FunctionalInterface
    public interface Action {
        UiSession.Response run(UiSession session, Map<String, String> state);
    }
}
