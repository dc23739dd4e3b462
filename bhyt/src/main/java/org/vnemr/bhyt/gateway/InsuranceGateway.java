package org.vnemr.bhyt.gateway;

/**
 * Cổng tiếp nhận dữ liệu của BHXH (NATIONAL-FORMATS §1.3): the production client and the local simulator both
 * fill this. Content goes in already built and signed (XML0 for check-in, the {@code GIAMDINHHS} envelope for a
 * dossier); the client only carries it.
 */
public interface InsuranceGateway {

    /** Sends the signed check-in file (XML0) of a visit at its first cost. */
    GatewayReply checkIn(byte[] signedCheckIn);

    /** Sends one signed dossier envelope ({@code GIAMDINHHS}, one KCB episode). */
    GatewayReply submitDossier(byte[] signedEnvelope);

    /**
     * Tra cứu thẻ và lịch sử KCB: the card's current data and its recent visits. The staff member doing the lookup
     * is named, as the gateway requires ({@code hoTenCb}, {@code cccdCb}).
     *
     * @return the gateway's JSON answer as received
     */
    String cardHistory(String cardNumber, String fullName, String birthDate, String staffName, String staffCccd);
}
