package org.vnemr.bhyt.gateway;

/**
 * Câu trả lời của cổng giám định BHXH, in the documented shape ({@code maKetQua}, {@code maGiaoDich},
 * {@code thoiGianTiepNhan}, {@code thongDiep}).
 *
 * @param maKetQua        result code: 200 received; 401 token refused; 403 not allowed (certificate not registered,
 *                        wrong facility); other codes are content errors
 * @param maGiaoDich      the gateway's transaction id, kept for reconciliation
 * @param thoiGianTiepNhan when it was received, {@code yyyyMMddHHmmss}
 * @param thongDiep       the gateway's message (Vietnamese)
 */
public record GatewayReply(int maKetQua, String maGiaoDich, String thoiGianTiepNhan, String thongDiep) {

    public boolean accepted() {
        return maKetQua == 200;
    }

    /** Token or session problems: worth a new token and another try, not a content error. */
    public boolean authenticationProblem() {
        return maKetQua == 401;
    }
}
