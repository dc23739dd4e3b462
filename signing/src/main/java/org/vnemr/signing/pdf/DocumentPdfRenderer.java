package org.vnemr.signing.pdf;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Renders a FHIR document Bundle (Composition first, then the resources it references) into an A4 PDF: the
 * facility-neutral title of the document type in Vietnamese, the patient banner, author and date, each section
 * with its narrative and entries, and a footer with the document id and version on every page.
 *
 * <p>The output is deterministic — the same snapshot renders the same bytes — because the signed PDF must be
 * reproducible from the frozen snapshot: the dates in the PDF metadata come from the Composition, the file
 * identifier is derived from the document id and version, and the font subset is chosen by the glyphs used.
 * The font is DejaVu Sans (bundled, it covers Vietnamese), loaded from the class path.
 */
public final class DocumentPdfRenderer {

    private static final String FONT_REGULAR = "/vnemr/signing/fonts/DejaVuSans.ttf";
    private static final String FONT_BOLD = "/vnemr/signing/fonts/DejaVuSans-Bold.ttf";
    private static final String TITLES = "/vnemr/signing/document-titles_vi.properties";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(VIETNAM);
    private static final float MARGIN = 56;
    private static final float BODY_SIZE = 10.5f;
    private static final float LEADING = 1.45f;

    private final Properties titles = loadTitles();
    /**
     * Parsed fonts for reuse: parsing the two 0.7 MB TrueType files is most of a rendering's time. A parsed
     * font is not safe for two threads at once, so each rendering borrows a pair and gives it back.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<TrueTypeFont[]> fonts =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** What to draw, before it is cut into pages. */
    private record Line(String text, boolean bold, float size, float indent, float spaceBefore) {
    }

    /**
     * The PDF of {@code document} (type {@code document}, Composition first). {@code documentId} and
     * {@code version} go in the footer and the file identifier.
     */
    public byte[] render(Bundle document, String documentId, String version) {
        Composition composition = composition(document);
        TrueTypeFont[] borrowed = fonts.poll();
        if (borrowed == null) {
            borrowed = new TrueTypeFont[] {parse(FONT_REGULAR), parse(FONT_BOLD)};
        }
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(pdf, borrowed[0], true);
            PDType0Font bold = PDType0Font.load(pdf, borrowed[1], true);
            List<Line> lines = layout(document, composition);
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<Line> wrapped = new ArrayList<>();
            for (Line line : lines) {
                wrap(line, bold, regular, width, wrapped);
            }
            List<List<Line>> pages = paginate(wrapped);
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    float y = PDRectangle.A4.getHeight() - MARGIN;
                    for (Line line : pages.get(p)) {
                        y -= line.spaceBefore() + line.size() * LEADING;
                        PDType0Font font = line.bold() ? bold : regular;
                        float x = MARGIN + line.indent();
                        if (line.indent() < 0) { // centred
                            x = (PDRectangle.A4.getWidth() - width(font, line.size(), line.text())) / 2;
                        }
                        text(out, font, line.size(), x, y, line.text());
                    }
                    String footer = "Mã tài liệu: " + documentId + " · phiên bản " + version + " · Trang " + (p + 1)
                            + "/" + pages.size();
                    text(out, regular, 8, MARGIN, MARGIN / 2, safe(regular, footer));
                }
            }
            metadata(pdf, composition, documentId, version);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            fonts.offer(borrowed);
        }
    }

    /** The Vietnamese title of a document type (LOINC code of {@code Composition.type}), else the Composition's own. */
    public String title(Composition composition) {
        for (Coding coding : composition.getType().getCoding()) {
            String title = titles.getProperty(coding.getCode() == null ? "" : coding.getCode());
            if (title != null) {
                return title;
            }
        }
        if (composition.hasTitle()) {
            return composition.getTitle().toUpperCase(java.util.Locale.ROOT);
        }
        return titles.getProperty("default");
    }

    static Composition composition(Bundle document) {
        if (document.getEntry().isEmpty() || !(document.getEntryFirstRep().getResource() instanceof Composition c)) {
            throw new IllegalArgumentException("A document Bundle starts with its Composition");
        }
        return c;
    }

    private List<Line> layout(Bundle document, Composition composition) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(title(composition), true, 16, -1, 0));
        if (composition.hasTitle()) {
            lines.add(new Line(composition.getTitle(), false, 11, -1, 2));
        }
        Resource subject = resolve(document, composition.getSubject());
        if (subject instanceof Patient patient) {
            lines.add(new Line("Người bệnh: " + name(patient.getNameFirstRep()), true, BODY_SIZE, 0, 14));
            StringBuilder banner = new StringBuilder();
            if (patient.hasBirthDate()) {
                banner.append("Ngày sinh: ").append(DATE.format(patient.getBirthDate().toInstant()));
            }
            if (patient.hasGender()) {
                banner.append(banner.isEmpty() ? "" : "   ").append("Giới tính: ").append(gender(patient));
            }
            for (Identifier identifier : patient.getIdentifier()) {
                banner.append(banner.isEmpty() ? "" : "   ").append("Mã: ").append(identifier.getValue());
            }
            if (!banner.isEmpty()) {
                lines.add(new Line(banner.toString(), false, BODY_SIZE, 0, 0));
            }
        } else if (composition.getSubject().hasDisplay() || composition.getSubject().hasReference()) {
            lines.add(new Line("Người bệnh: " + display(composition.getSubject()), true, BODY_SIZE, 0, 14));
        }
        if (composition.hasEncounter()) {
            lines.add(new Line("Lượt khám/điều trị: " + display(composition.getEncounter()), false, BODY_SIZE, 0, 0));
        }
        List<String> authors = new ArrayList<>();
        for (Reference author : composition.getAuthor()) {
            Resource resolved = resolve(document, author);
            authors.add(resolved instanceof Practitioner p ? name(p.getNameFirstRep()) : display(author));
        }
        lines.add(new Line("Người lập: " + String.join(", ", authors), false, BODY_SIZE, 0, 0));
        if (composition.hasDate()) {
            lines.add(new Line("Ngày lập: " + DATE_TIME.format(composition.getDate().toInstant()), false, BODY_SIZE, 0,
                    0));
        }
        for (Composition.SectionComponent section : composition.getSection()) {
            section(document, section, 0, lines);
        }
        return lines;
    }

    private void section(Bundle document, Composition.SectionComponent section, float indent, List<Line> lines) {
        String heading = section.hasTitle() ? section.getTitle() : text(section.getCode());
        lines.add(new Line(heading == null ? "" : heading, true, 12, indent, 12));
        if (section.hasText() && section.getText().hasDiv()) {
            for (String paragraph : plainText(section.getText().getDivAsString())) {
                lines.add(new Line(paragraph, false, BODY_SIZE, indent, 2));
            }
        }
        for (Reference entry : section.getEntry()) {
            Resource resolved = resolve(document, entry);
            lines.add(new Line("• " + summary(resolved, entry), false, BODY_SIZE, indent + 10, 2));
        }
        for (Composition.SectionComponent child : section.getSection()) {
            section(document, child, indent + 14, lines);
        }
    }

    /** One line for an entry: its type and whatever the clinician wrote or coded. */
    private static String summary(Resource resource, Reference reference) {
        if (resource == null) {
            return display(reference);
        }
        String text = null;
        if (resource instanceof DomainResource domain && domain.hasText() && domain.getText().hasDiv()) {
            text = String.join(" ", plainText(domain.getText().getDivAsString()));
        }
        if (text == null || text.isBlank()) {
            for (String property : List.of("code", "medicationCodeableConcept", "vaccineCode", "type")) {
                var base = resource.getNamedProperty(property);
                if (base != null && base.hasValues() && base.getValues().get(0) instanceof CodeableConcept cc) {
                    text = text(cc);
                    break;
                }
            }
        }
        // the clinician's words when there are any; the resource type only when nothing else describes it
        return text == null || text.isBlank() ? resource.fhirType() : text;
    }

    private static Resource resolve(Bundle document, Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            String local = r.fhirType() + "/" + r.getIdElement().getIdPart();
            if (ref.equals(local) || ref.equals(entry.getFullUrl()) || entry.getFullUrl() != null
                    && entry.getFullUrl().endsWith("/" + ref)) {
                return r;
            }
        }
        return null;
    }

    private static String display(Reference reference) {
        return reference.hasDisplay() ? reference.getDisplay() : reference.getReference();
    }

    private static String text(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        return concept.getCodingFirstRep().getCode();
    }

    private static String name(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        StringBuilder s = new StringBuilder(name.getFamily() == null ? "" : name.getFamily());
        name.getGiven().forEach(g -> s.append(s.isEmpty() ? "" : " ").append(g.getValue()));
        return s.toString();
    }

    private static String gender(Patient patient) {
        return switch (patient.getGender()) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            case OTHER -> "Khác";
            default -> "Không rõ";
        };
    }

    /** XHTML narrative → paragraphs of plain text (block elements and line breaks start a new paragraph). */
    static List<String> plainText(String xhtml) {
        String marked = xhtml.replaceAll("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])>", "\n");
        String stripped = marked.replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        List<String> paragraphs = new ArrayList<>();
        for (String p : stripped.split("\n")) {
            String t = p.replaceAll("\\s+", " ").trim();
            if (!t.isEmpty()) {
                paragraphs.add(t);
            }
        }
        return paragraphs;
    }

    private static void wrap(Line line, PDType0Font bold, PDType0Font regular, float pageWidth, List<Line> out)
            throws IOException {
        PDType0Font font = line.bold() ? bold : regular;
        String text = safe(font, Normalizer.normalize(line.text(), Normalizer.Form.NFC));
        float available = pageWidth - Math.max(0, line.indent());
        StringBuilder current = new StringBuilder();
        boolean first = true;
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && width(font, line.size(), candidate) > available) {
                out.add(new Line(current.toString(), line.bold(), line.size(), line.indent(),
                        first ? line.spaceBefore() : 0));
                first = false;
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        out.add(new Line(current.toString(), line.bold(), line.size(), line.indent(), first ? line.spaceBefore() : 0));
    }

    private static List<List<Line>> paginate(List<Line> lines) {
        float usable = PDRectangle.A4.getHeight() - 2 * MARGIN;
        List<List<Line>> pages = new ArrayList<>();
        List<Line> page = new ArrayList<>();
        float used = 0;
        for (Line line : lines) {
            float height = line.spaceBefore() + line.size() * LEADING;
            if (used + height > usable && !page.isEmpty()) {
                pages.add(page);
                page = new ArrayList<>();
                used = 0;
            }
            page.add(line);
            used += height;
        }
        pages.add(page);
        return pages;
    }

    private static float width(PDType0Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Replaces characters the font has no glyph for (emoji, rare scripts) by '?', so rendering never fails. */
    private static String safe(PDType0Font font, String text) {
        try {
            font.encode(text);
            return text;
        } catch (IOException | IllegalArgumentException e) {
            StringBuilder s = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String c = new String(Character.toChars(cp));
                try {
                    font.encode(c);
                    s.append(c);
                } catch (IOException | IllegalArgumentException missing) {
                    s.append('?');
                }
            });
            return s.toString();
        }
    }

    private static void text(PDPageContentStream out, PDType0Font font, float size, float x, float y, String text)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
    }

    /** Fixed metadata: the Composition's date, and a file identifier derived from id and version. */
    private void metadata(PDDocument pdf, Composition composition, String documentId, String version) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(title(composition) + (composition.hasTitle() ? " — " + composition.getTitle() : ""));
        info.setSubject(documentId + " v" + version);
        info.setCreator("vnemr");
        info.setProducer("vnemr");
        Date date = composition.hasDate() ? composition.getDate() : new Date(0);
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTime(date);
        info.setCreationDate(calendar);
        info.setModificationDate(calendar);
        byte[] id = Arrays.copyOf(sha256((documentId + "|" + version).getBytes(StandardCharsets.UTF_8)), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrueTypeFont parse(String resource) {
        try (InputStream in = DocumentPdfRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font missing: " + resource);
            }
            return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties loadTitles() {
        Properties properties = new Properties();
        try (InputStream in = DocumentPdfRenderer.class.getResourceAsStream(TITLES)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + TITLES);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
