package org.vnemr.emr.printing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Phông chữ của giấy in: DejaVu Sans and Sans Bold (Bitstream Vera licence, free to embed), the same files signing
 * uses for its visible signature, read from the class path so that no paper depends on the fonts of the server.
 * They cover every Vietnamese letter with its diacritics; only the glyphs used are embedded (subset).
 */
record PaperFonts(PDFont regular, PDFont bold) {

    private static final String DIRECTORY = "vnemr/signing/fonts/";

    static PaperFonts load(PDDocument document) {
        return new PaperFonts(font(document, "DejaVuSans.ttf"), font(document, "DejaVuSans-Bold.ttf"));
    }

    private static PDFont font(PDDocument document, String file) {
        try (InputStream in = PaperFonts.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the class path: " + DIRECTORY + file);
            }
            return PDType0Font.load(document, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
