package org.vnemr.platform.outbox;

/**
 * Delivers the messages of one topic (the client of a national system, the hub link). Called by the relay after
 * commit, outside any transaction, possibly more than once for the same message (at-least-once): send the
 * idempotency key so the receiver can deduplicate.
 */
public interface OutboxHandler {

    String topic();

    Delivery deliver(OutboxMessage message);

    /** What a delivery attempt came to. */
    record Delivery(Outcome outcome, String detail) {

        public enum Outcome { DELIVERED, RETRY, REJECTED }

        /** Accepted; {@code reply} (e.g. the gateway's transaction id and answer) is kept with the message. */
        public static Delivery delivered(String reply) {
            return new Delivery(Outcome.DELIVERED, reply);
        }

        /** A passing failure (network, 5xx, timeout): try again later. */
        public static Delivery retry(String error) {
            return new Delivery(Outcome.RETRY, error);
        }

        /** The receiver refused the content: retrying the same content cannot help; a person must act. */
        public static Delivery rejected(String error) {
            return new Delivery(Outcome.REJECTED, error);
        }
    }
}
