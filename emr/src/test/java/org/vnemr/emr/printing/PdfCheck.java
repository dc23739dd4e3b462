package org.vnemr.emr.printing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a reviewer would check on a printed paper, done by machine: its text as PDFBox and poppler's
 * {@code pdftotext} read it, the page size, and what the QR code in the corner decodes to (rendered to pixels and
 * read back with zxing, as a phone would). Also leaves a 100 dpi PNG of the first page for people to look at.
 */
record PdfCheck(String text, String popplerText, float width, float height, int pages, String qr) {

    static PdfCheck of(byte[] pdf, String screenshotName) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            PDRectangle box = document.getPage(0).getMediaBox();
            PDFRenderer renderer = new PDFRenderer(document);
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            ImageIO.write(renderer.renderImageWithDPI(0, 100, ImageType.RGB), "png",
                    dir.resolve("printing-" + screenshotName + ".png").toFile());
            Files.writeString(dir.resolve("printing-" + screenshotName + ".txt"), text);
            String qr = decodeQr(renderer.renderImageWithDPI(document.getNumberOfPages() - 1, 200, ImageType.RGB));
            return new PdfCheck(normalise(text), normalise(poppler(pdf)), box.getWidth(), box.getHeight(),
                    document.getNumberOfPages(), qr);
        }
    }

    /** Reads the QR code in the lower-left quarter of the page, where every paper puts it. */
    private static String decodeQr(BufferedImage page) throws Exception {
        int w = page.getWidth() / 2;
        int h = page.getHeight() / 4;
        BufferedImage corner = page.getSubimage(0, page.getHeight() - h, w, h);
        int[] pixels = corner.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static String poppler(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("vnemr-paper", ".pdf");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pdftotext failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One space for any run of white space, NFC: line breaks differ between extractors, the words do not. */
    static String normalise(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC).replaceAll("\\s+", " ");
    }

    boolean isA4() {
        return Math.abs(width - 595) < 1.5 && Math.abs(height - 842) < 1.5;
    }

    boolean isA5() {
        return Math.abs(width - 420) < 1.5 && Math.abs(height - 595) < 1.5;
    }
}
