package org.vnemr.emr.printing;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
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
    private static final byte[] REGULAR = bytes("DejaVuSans.ttf");
    private static final byte[] BOLD = bytes("DejaVuSans-Bold.ttf");
    /** The regular face's character map: both faces cover the same characters. */
    private static final CmapLookup COVERAGE = coverage(REGULAR);

    static PaperFonts load(PDDocument document) {
        try {
            return new PaperFonts(PDType0Font.load(document, new ByteArrayInputStream(REGULAR), true),
                    PDType0Font.load(document, new ByteArrayInputStream(BOLD), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the fonts have a glyph for this character (otherwise a blank box would be printed). */
    static boolean canDraw(int codePoint) {
        return COVERAGE.getGlyphId(codePoint) > 0;
    }

    private static byte[] bytes(String file) {
        try (InputStream in = PaperFonts.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the class path: " + DIRECTORY + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CmapLookup coverage(byte[] font) {
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
            return ttf.getUnicodeCmapLookup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
