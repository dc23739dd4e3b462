package org.vnemr.bhyt.prescription;

import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxMessage;

import java.util.List;

/** Trạng thái liên thông của một đơn thuốc, for the prescription screen: waiting, sent, or refused and why. */
public final class PrescriptionStatus {

    public enum State { NOT_QUEUED, WAITING, SENT, REFUSED }

    public record Status(State state, String vietnamese, String detail) {
    }

    private final Outbox outbox;

    public PrescriptionStatus(Outbox outbox) {
        this.outbox = outbox;
    }

    public Status of(String code) {
        List<OutboxMessage> messages = outbox.about(PrescriptionTriggers.subject(code));
        if (messages.isEmpty()) {
            return new Status(State.NOT_QUEUED, "Chưa gửi hệ thống đơn thuốc quốc gia", null);
        }
        OutboxMessage last = messages.get(messages.size() - 1);
        return switch (last.status()) {
            case DELIVERED -> new Status(State.SENT, "Đã gửi hệ thống đơn thuốc quốc gia", last.reply());
            case FAILED, CANCELLED -> new Status(State.REFUSED, "Hệ thống đơn thuốc quốc gia từ chối", last.lastError());
            case PENDING -> new Status(State.WAITING, last.attempts() == 0 ? "Đang chờ gửi"
                    : "Đang chờ gửi lại (lần " + (last.attempts() + 1) + ")", last.lastError());
        };
    }
}
