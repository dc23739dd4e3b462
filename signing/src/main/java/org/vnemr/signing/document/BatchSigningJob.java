package org.vnemr.signing.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The progress of one batch signing: each document pending, done or failed (with the reason, in Vietnamese
 * and English). Thread-safe: a screen polls {@link #snapshot()} while the batch runs.
 */
public final class BatchSigningJob {

    public enum State { PENDING, DONE, FAILED }

    /** One document of the batch. */
    public record Item(String compositionId, State state, String code, String reasonVi, String reasonEn) {
    }

    /** Called after each document; an implementation must not block for long. */
    public interface Listener {
        void progressed(Item item, int finished, int total);
    }

    private final String id;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    BatchSigningJob(String id, List<String> compositionIds) {
        this.id = id;
        compositionIds.forEach(c -> items.put(c, new Item(c, State.PENDING, null, null, null)));
    }

    public String id() {
        return id;
    }

    public synchronized List<Item> snapshot() {
        return new ArrayList<>(items.values());
    }

    public synchronized int total() {
        return items.size();
    }

    public synchronized int finishedCount() {
        return (int) items.values().stream().filter(i -> i.state() != State.PENDING).count();
    }

    public synchronized long failedCount() {
        return items.values().stream().filter(i -> i.state() == State.FAILED).count();
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Waits until every document is done or failed. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    synchronized Item update(Item item) {
        items.put(item.compositionId(), item);
        return item;
    }

    void finish() {
        finished.countDown();
    }
}
