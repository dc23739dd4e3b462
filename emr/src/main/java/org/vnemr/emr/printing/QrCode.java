package org.vnemr.emr.printing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import java.io.IOException;
import java.util.Map;

/**
 * Mã QR của giấy in, drawn as filled squares (vector) rather than a picture, so that it stays sharp on any printer
 * and any zoom. Error correction M: a paper folded once or stamped over the corner still reads.
 */
final class QrCode {

    /** Quiet zone around the symbol, in modules (the standard asks for 4). */
    static final int QUIET_ZONE = 4;

    private QrCode() {
    }

    /** The module matrix of {@code text}, without quiet zone (true = dark). */
    static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }

    /** Width in points of the quiet zone when the symbol of {@code text} is drawn {@code size} points wide. */
    static float quietZone(String text, float size) {
        return QUIET_ZONE * size / (matrix(text).getWidth() + 2 * QUIET_ZONE);
    }

    /** Draws the symbol with its lower-left corner (quiet zone included) at (x, y), {@code size} points wide. */
    static void draw(PDPageContentStream content, String text, float x, float y, float size) throws IOException {
        BitMatrix matrix = matrix(text);
        int modules = matrix.getWidth() + 2 * QUIET_ZONE;
        float module = size / modules;
        content.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < matrix.getHeight(); row++) {
            int col = 0;
            while (col < matrix.getWidth()) {
                if (!matrix.get(col, row)) {
                    col++;
                    continue;
                }
                // one rectangle per run of dark modules: no hairline seams between neighbours when rasterised
                int start = col;
                while (col < matrix.getWidth() && matrix.get(col, row)) {
                    col++;
                }
                // PDF y grows upwards; matrix row 0 is the top of the symbol
                content.addRect(x + (start + QUIET_ZONE) * module, y + size - (row + QUIET_ZONE + 1) * module,
                        (col - start) * module, module);
            }
        }
        content.fill();
    }
}
