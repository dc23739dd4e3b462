package org.vnemr.bhyt.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.platform.outbox.OutboxHandler;
import org.vnemr.platform.outbox.OutboxMessage;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Gửi lên cổng BHXH: the outbox handlers of the three insurance topics. Each builds the file from the record at
 * sending time (so a correction made before sending is included), sends it, and sorts the answer: received →
 * delivered, with the gateway's transaction id and the SHA-256 of what was sent kept for reconciliation; gateway
 * down → try again later; content or certificate refused → "failed", shown to the billing clerk, resent with a
 * reason once fixed.
 */
public final class GatewayDelivery {

    public static final String CHECK_IN = "bhyt.checkin";
    public static final String DOSSIER = "bhyt.dossier";
    public static final String PAPER = "bhyt.paper";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayDelivery() {
    }

    public static OutboxHandler checkIn(InsuranceGateway gateway, ClaimDocuments documents) {
        return handler(CHECK_IN, message -> documents.signedCheckIn(id(message)), gateway::checkIn);
    }

    public static OutboxHandler dossier(InsuranceGateway gateway, ClaimDocuments documents) {
        return handler(DOSSIER, message -> Optional.of(documents.signedDossier(id(message))), gateway::submitDossier);
    }

    public static OutboxHandler paper(InsuranceGateway gateway, ClaimDocuments documents) {
        return handler(PAPER, message -> Optional.of(documents.signedPaper(id(message))), gateway::submitDossier);
    }

    private interface Build {
        Optional<byte[]> file(OutboxMessage message);
    }

    private interface Send {
        GatewayReply send(byte[] file);
    }

    private static OutboxHandler handler(String topic, Build build, Send send) {
        return new OutboxHandler() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public Delivery deliver(OutboxMessage message) {
                Optional<byte[]> file;
                try {
                    file = build.file(message);
                } catch (ClaimDocuments.ClaimRefused e) {
                    return Delivery.rejected("VNEMR-7503: " + e.getMessage());
                }
                if (file.isEmpty()) {
                    return Delivery.delivered("{\"skipped\":\"không có thẻ BHYT: không cần gửi\"}");
                }
                GatewayReply reply;
                try {
                    reply = send.send(file.get());
                } catch (GatewayUnavailable e) {
                    return Delivery.retry(e.getMessage());
                }
                String record = record(reply, file.get());
                if (reply.accepted()) {
                    return Delivery.delivered(record);
                }
                if (reply.authenticationProblem()) {
                    return Delivery.retry(record);
                }
                return Delivery.rejected(record);
            }
        };
    }

    /** The resource id in a payload such as {@code Encounter/123}. */
    static String id(OutboxMessage message) {
        String payload = message.payload().strip();
        return payload.substring(payload.indexOf('/') + 1);
    }

    private static String record(GatewayReply reply, byte[] file) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("maKetQua", reply.maKetQua(),
                    "maGiaoDich", String.valueOf(reply.maGiaoDich()),
                    "thoiGianTiepNhan", String.valueOf(reply.thoiGianTiepNhan()),
                    "thongDiep", String.valueOf(reply.thongDiep()),
                    "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)),
                    "bytes", file.length));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
