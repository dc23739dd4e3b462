package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hệ thống thông tin quốc gia về quản lý kê đơn thuốc (donthuocquocgia.vn): the production client and the local
 * simulator both fill this. Transport failures raise {@link org.vnemr.bhyt.gateway.GatewayUnavailable}.
 */
public interface NationalPrescriptionSystem {

    /** Sends one signed prescription ({@code gui-don-thuoc}). */
    PrescriptionReply send(ObjectNode prescription);
}
