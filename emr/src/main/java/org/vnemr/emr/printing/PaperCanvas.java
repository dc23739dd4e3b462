package org.vnemr.emr.printing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * Khung vẽ giấy in: the little layout engine every paper uses — a cursor that runs down the page, wrapped text in
 * two weights, columns, bordered tables, signature blocks, a new page when the current one is full, and on every
 * page the footer with the QR code that identifies the paper. Papers describe their content top to bottom and never
 * compute coordinates themselves, so each paper class stays short and all papers look alike.
 */
final class PaperCanvas implements AutoCloseable {

    /** Paper sizes of the Ministry's forms (points, 1/72 inch). */
    enum Size {
        A4(PDRectangle.A4, 10.5f, 42f), A5(PDRectangle.A5, 8.5f, 28f);

        final PDRectangle box;
        final float baseFont;
        final float margin;

        Size(PDRectangle box, float baseFont, float margin) {
            this.box = box;
            this.baseFont = baseFont;
            this.margin = margin;
        }
    }

    /** A piece of text in one weight; a paragraph is a list of spans wrapped together. */
    record Span(String text, boolean bold) {
        static Span plain(String text) {
            return new Span(text, false);
        }

        static Span strong(String text) {
            return new Span(text, true);
        }
    }

    /** One signature column: who signs, the hint under it, and the printed name below the space for the signature. */
    record Signer(String title, String hint, String name) {
    }

    private static final float LEADING = 1.3f;
    private static final float QR_SIZE_A4 = 64f;
    private static final float QR_SIZE_A5 = 52f;

    private final Size size;
    private final PDDocument document;
    private final PaperFonts fonts;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;

    PaperCanvas(Size size, String title) {
        this.size = size;
        this.document = new PDDocument();
        this.fonts = PaperFonts.load(document);
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("vnemr");
        info.setCreationDate(Calendar.getInstance());
        newPage();
    }

    float base() {
        return size.baseFont;
    }

    private float left() {
        return size.margin;
    }

    private float width() {
        return size.box.getWidth() - 2 * size.margin;
    }

    /** The lowest y the body may reach: above the footer with the QR code. */
    private float bottom() {
        return size.margin + qrSize();
    }

    private float qrSize() {
        return size == Size.A4 ? QR_SIZE_A4 : QR_SIZE_A5;
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(size.box);
            document.addPage(page);
            pages.add(page);
            content = new PDPageContentStream(document, page);
            y = size.box.getHeight() - size.margin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new page when less than {@code height} points are left above the footer. */
    void ensure(float height) {
        if (y - height < bottom()) {
            newPage();
        }
    }

    void space(float points) {
        y -= points;
    }

    // ---------------------------------------------------------------- header

    /**
     * Quốc hiệu, tiêu ngữ on the right; the managing authority, the facility's name and code (and any extra lines,
     * e.g. the department) on the left; the form number above the motto when the Ministry gives one.
     */
    void nationalHeader(String authority, String facilityName, String facilityCode, List<String> extraLeft,
                        String formNumber) {
        float top = y;
        float leftWidth = width() * 0.44f;
        float rightX = left() + width() * 0.46f;
        float rightWidth = width() * 0.54f;
        float small = base() - 0.5f;
        if (formNumber != null && !formNumber.isBlank()) {
            y = lines(List.of(Span.plain(formNumber)), small - 1, rightX, rightWidth, Align.RIGHT, y);
        }
        y = lines(List.of(Span.strong("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")), small, rightX, rightWidth,
                Align.CENTER, y);
        y = lines(List.of(Span.strong("Độc lập - Tự do - Hạnh phúc")), small, rightX, rightWidth, Align.CENTER, y);
        // the short rule under the motto and under the facility block, below the descenders
        underline(rightX + rightWidth * 0.3f, rightWidth * 0.4f, y - 3);
        float rightEnd = y - 5;

        float ly = top;
        if (authority != null && !authority.isBlank()) {
            ly = lines(List.of(Span.plain(authority.toUpperCase(java.util.Locale.ROOT))), small, left(), leftWidth,
                    Align.CENTER, ly);
        }
        ly = lines(List.of(Span.strong(blankIfNull(facilityName).toUpperCase(java.util.Locale.ROOT))), small,
                left(), leftWidth, Align.CENTER, ly);
        ly = lines(List.of(Span.plain("Mã cơ sở: " + blankIfNull(facilityCode))), small, left(), leftWidth,
                Align.CENTER, ly);
        for (String extra : extraLeft) {
            ly = lines(List.of(Span.plain(extra)), small, left(), leftWidth, Align.CENTER, ly);
        }
        underline(left() + leftWidth * 0.35f, leftWidth * 0.3f, ly - 3);
        y = Math.min(ly - 5, rightEnd) - base();
    }

    private void underline(float x, float length, float atY) {
        try {
            content.setLineWidth(0.6f);
            content.moveTo(x, atY);
            content.lineTo(x + length, atY);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- text

    enum Align { LEFT, CENTER, RIGHT }

    /** The paper's title: bold, large, centred. */
    void title(String text) {
        ensure(base() * 3);
        y = lines(List.of(Span.strong(text.toUpperCase(java.util.Locale.ROOT))), base() + 5, left(), width(),
                Align.CENTER, y);
        space(base() * 0.4f);
    }

    /** A centred line under the title (e.g. "Mã đơn thuốc: …"). */
    void centered(String text, boolean bold, float fontSize) {
        ensure(fontSize * 2);
        y = lines(List.of(new Span(text, bold)), fontSize, left(), width(), Align.CENTER, y);
    }

    /** "Nhãn: giá trị" — the label plain, the value bold, wrapped on the full width; a dotted line when empty. */
    void field(String label, String value) {
        paragraph(List.of(Span.plain(label + ": "), Span.strong(orDots(value))));
    }

    /** Several short fields on one line in equal columns ("Tuổi: 45 | Giới tính: Nữ"). */
    void fieldRow(String... labelsAndValues) {
        int n = labelsAndValues.length / 2;
        List<List<Span>> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add(List.of(Span.plain(labelsAndValues[2 * i] + ": "),
                    Span.strong(orDots(labelsAndValues[2 * i + 1]))));
        }
        float[] fractions = new float[n];
        java.util.Arrays.fill(fractions, 1f / n);
        columns(fractions, cells);
    }

    /** A wrapped paragraph on the full width. */
    void paragraph(List<Span> spans) {
        paragraph(spans, base());
    }

    void paragraph(List<Span> spans, float fontSize) {
        // line by line, so that a long paragraph continues on the next page
        for (List<Span> line : wrap(spans, fontSize, width())) {
            ensure(fontSize * LEADING);
            y = lines(line, fontSize, left(), width() + 1, Align.LEFT, y);
        }
    }

    /** Plain text, one paragraph per line break of the text; a dotted line when empty. */
    void text(String text) {
        if (text == null || text.isBlank()) {
            paragraph(List.of(Span.plain(dots())));
            return;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                paragraph(List.of(Span.plain(line.strip())));
            }
        }
    }

    /** A bold heading line inside the body (e.g. "I. LÝ DO VÀO VIỆN"). */
    void heading(String text) {
        ensure(base() * 3);
        space(base() * 0.6f);
        paragraph(List.of(Span.strong(text)));
    }

    /** Large centred text (the queue number on the visit slip). */
    void big(String text, float fontSize) {
        ensure(fontSize * LEADING);
        y = lines(List.of(Span.strong(text)), fontSize, left(), width(), Align.CENTER, y);
    }

    /** Side-by-side wrapped cells; the cursor moves below the tallest. */
    void columns(float[] fractions, List<List<Span>> cells) {
        ensure(base() * LEADING);
        float x = left();
        float lowest = y;
        for (int i = 0; i < cells.size(); i++) {
            float w = width() * fractions[i];
            lowest = Math.min(lowest, lines(cells.get(i), base(), x, w - 4, Align.LEFT, y));
            x += w;
        }
        y = lowest;
    }

    // ---------------------------------------------------------------- table

    /** A bordered table; the header row is bold and repeated on each new page. */
    void table(String[] header, float[] fractions, List<String[]> rows) {
        float fontSize = base() - 0.5f;
        space(2);
        row(header, fractions, fontSize, true);
        for (String[] row : rows) {
            float height = rowHeight(row, fractions, fontSize);
            if (y - height < bottom()) {
                newPage();
                row(header, fractions, fontSize, true);
            }
            row(row, fractions, fontSize, false);
        }
        space(base() * 0.5f);
    }

    private float rowHeight(String[] cells, float[] fractions, float fontSize) {
        float max = 0;
        for (int i = 0; i < cells.length; i++) {
            int lineCount = wrap(List.of(new Span(blankIfNull(cells[i]), false)), fontSize,
                    width() * fractions[i] - 6).size();
            max = Math.max(max, lineCount * fontSize * LEADING);
        }
        return max + 6;
    }

    private void row(String[] cells, float[] fractions, float fontSize, boolean bold) {
        float height = rowHeight(cells, fractions, fontSize);
        float x = left();
        try {
            content.setLineWidth(0.5f);
            for (int i = 0; i < cells.length; i++) {
                float w = width() * fractions[i];
                content.addRect(x, y - height, w, height);
                content.stroke();
                lines(List.of(new Span(blankIfNull(cells[i]), bold)), fontSize, x + 3, w - 6,
                        bold ? Align.CENTER : Align.LEFT, y - 3);
                x += w;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= height;
    }

    // ---------------------------------------------------------------- signatures

    /**
     * Signature columns; {@code dateLine} ("Ngày … tháng … năm …") sits above the last column, as on every form.
     */
    void signatures(String dateLine, List<Signer> signers) {
        float needed = base() * LEADING * 4 + 48;
        ensure(needed);
        space(base() * 0.6f);
        // one signer signs in the right half, as on the printed forms; several share the width
        float columnWidth = signers.size() == 1 ? width() / 2 : width() / signers.size();
        float firstX = signers.size() == 1 ? left() + width() / 2 : left();
        float lastX = firstX + columnWidth * (signers.size() - 1);
        if (dateLine != null) {
            y = lines(List.of(Span.plain(dateLine)), base(), lastX, columnWidth, Align.CENTER, y);
        }
        float top = y;
        float lowest = y;
        for (int i = 0; i < signers.size(); i++) {
            Signer signer = signers.get(i);
            float x = firstX + columnWidth * i;
            float cy = lines(List.of(Span.strong(signer.title().toUpperCase(java.util.Locale.ROOT))), base(), x,
                    columnWidth, Align.CENTER, top);
            if (signer.hint() != null) {
                cy = lines(List.of(Span.plain(signer.hint())), base() - 1.5f, x, columnWidth, Align.CENTER, cy);
            }
            cy -= size == Size.A4 ? 48 : 36;
            if (signer.name() != null && !signer.name().isBlank()) {
                cy = lines(List.of(Span.strong(signer.name())), base(), x, columnWidth, Align.CENTER, cy);
            }
            lowest = Math.min(lowest, cy);
        }
        y = lowest;
    }

    // ---------------------------------------------------------------- low level

    /** Draws wrapped spans from {@code top} down and returns the y below the last line. */
    private float lines(List<Span> spans, float fontSize, float x, float w, Align align, float top) {
        float lineHeight = fontSize * LEADING;
        float cursor = top;
        for (List<Span> line : wrap(spans, fontSize, w)) {
            float lineWidth = 0;
            for (Span s : line) {
                lineWidth += measure(s.text(), s.bold(), fontSize);
            }
            float start = switch (align) {
                case LEFT -> x;
                case CENTER -> x + (w - lineWidth) / 2;
                case RIGHT -> x + w - lineWidth;
            };
            cursor -= fontSize;
            try {
                content.setNonStrokingColor(0f, 0f, 0f);
                content.beginText();
                content.newLineAtOffset(start, cursor);
                for (Span s : line) {
                    content.setFont(font(s.bold()), fontSize);
                    show(content, s.text());
                }
                content.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cursor -= lineHeight - fontSize;
        }
        return cursor;
    }

    /** Greedy word wrap across spans; a word longer than the line is cut. */
    private List<List<Span>> wrap(List<Span> spans, float fontSize, float w) {
        List<List<Span>> result = new ArrayList<>();
        List<Span> current = new ArrayList<>();
        float used = 0;
        for (Span span : spans) {
            String text = safe(span.text());
            for (String word : text.split("(?<= )")) {
                if (word.isEmpty()) {
                    continue;
                }
                float ww = measure(word, span.bold(), fontSize);
                float visible = measure(word.stripTrailing(), span.bold(), fontSize);
                if (used + visible > w && used > 0) {
                    result.add(current);
                    current = new ArrayList<>();
                    used = 0;
                }
                while (measure(word.stripTrailing(), span.bold(), fontSize) > w && word.length() > 1) {
                    int cut = word.length() - 1;
                    while (cut > 1 && measure(word.substring(0, cut), span.bold(), fontSize) > w) {
                        cut--;
                    }
                    result.add(List.of(new Span(word.substring(0, cut), span.bold())));
                    word = word.substring(cut);
                    ww = measure(word, span.bold(), fontSize);
                }
                append(current, new Span(word, span.bold()));
                used += ww;
            }
        }
        if (!current.isEmpty() || result.isEmpty()) {
            result.add(current);
        }
        return result;
    }

    private static void append(List<Span> line, Span span) {
        if (!line.isEmpty() && line.get(line.size() - 1).bold() == span.bold()) {
            Span last = line.remove(line.size() - 1);
            line.add(new Span(last.text() + span.text(), span.bold()));
        } else {
            line.add(span);
        }
    }

    /** Replaces control characters and characters the font cannot draw, so that odd input never breaks a paper. */
    private static String safe(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(PaperFonts.canDraw(cp) ? cp : '?');
            }
        });
        return out.toString();
    }

    /**
     * Shows text without ligatures. PDFBox applies the font's ligature substitution within one string, which would
     * turn "ff" or "fi" into a single glyph that copies out of the PDF as U+FB00/U+FB01 — wrong for an id someone
     * types into the check page. Ligatures start with 'f', so a string is shown in pieces ending after each 'f'.
     */
    private static void show(PDPageContentStream stream, String text) throws IOException {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == 'f' && i + 1 < text.length()) {
                stream.showText(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            stream.showText(text.substring(start));
        }
    }

    private float measure(String text, boolean bold, float fontSize) {
        try {
            return font(bold).getStringWidth(text) / 1000f * fontSize;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PDFont font(boolean bold) {
        return bold ? fonts.bold() : fonts.regular();
    }

    static String blankIfNull(String s) {
        return s == null ? "" : s;
    }

    static String orDots(String value) {
        return value == null || value.isBlank() ? dots() : value;
    }

    static String dots() {
        return "……………………………………";
    }

    // ---------------------------------------------------------------- finish

    /**
     * Draws the footer of every page — the QR code bottom left with the document id and the check address beside
     * it, the page number bottom right — and returns the PDF.
     */
    byte[] finish(String qrText, String documentId) {
        try {
            content.close();
            content = null;
            float qr = qrSize();
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream footer = new PDPageContentStream(document, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    // the dark modules start at the margin; the quiet zone lies outside it
                    float quiet = QrCode.quietZone(qrText, qr);
                    QrCode.draw(footer, qrText, size.margin - quiet, size.margin - quiet, qr);
                    float small = base() - 2;
                    float textX = size.margin + qr - quiet;
                    footerLine(footer, "Mã tài liệu: " + documentId, true, small, textX, size.margin + qr / 2);
                    footerLine(footer, "Quét mã QR hoặc nhập mã tại trang xác minh để kiểm tra", false, small - 0.5f,
                            textX, size.margin + qr / 2 - small * LEADING);
                    String page = "Trang " + (i + 1) + "/" + pages.size();
                    float pw = measure(page, false, small);
                    footerLine(footer, page, false, small, size.box.getWidth() - size.margin - pw,
                            size.margin - 4);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void footerLine(PDPageContentStream footer, String text, boolean bold, float fontSize, float x, float atY)
            throws IOException {
        footer.beginText();
        footer.setFont(font(bold), fontSize);
        footer.newLineAtOffset(x, atY);
        show(footer, safe(text));
        footer.endText();
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
