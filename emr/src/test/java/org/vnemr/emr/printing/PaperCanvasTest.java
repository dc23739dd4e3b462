package org.vnemr.emr.printing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout engine on its own: long content flows onto new pages, each with its footer and QR code. */
class PaperCanvasTest {

    @Test
    void aLongRecordContinuesOnNewPagesWithTheTableHeaderAndFooterOnEveryPage() throws Exception {
        byte[] pdf;
        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Thử")) {
            canvas.title("Tờ điều trị");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                rows.add(new String[]{String.valueOf(i), "Thuốc số " + i + " có tên rất dài để phải xuống dòng "
                        + "trong ô của bảng", "0" + (i % 10) + " Viên"});
            }
            canvas.table(new String[]{"STT", "Tên thuốc", "Số lượng"}, new float[]{0.1f, 0.6f, 0.3f}, rows);
            canvas.text("Đoạn cuối cùng của hồ sơ.");
            pdf = canvas.finish("http://localhost/xac-minh/ho-so?id=abc", "abc");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                assertThat(text).contains("Tên thuốc").contains("Mã tài liệu: abc")
                        .contains("Trang " + page + "/" + pages);
            }
            stripper.setStartPage(1);
            stripper.setEndPage(pages);
            String all = PdfCheck.normalise(stripper.getText(document));
            assertThat(all).contains("60 Thuốc số 60 có tên rất dài").contains("Đoạn cuối cùng của hồ sơ.");
        }
    }

    @Test
    void charactersTheFontCannotDrawAreReplacedInsteadOfBreakingThePaper() throws Exception {
        byte[] pdf;
        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A4, "Thử")) {
            canvas.field("Ghi chú", "Bệnh nhân \u0007 ký tên \u6F22 xong");
            pdf = canvas.finish("x", "x");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(PdfCheck.normalise(new PDFTextStripper().getText(document)))
                    .contains("Ghi chú: Bệnh nhân ký tên ? xong");
        }
    }

    @Test
    void lettersThatFontsJoinIntoLigaturesCopyOutOneByOne() throws Exception {
        byte[] pdf;
        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Thử")) {
            canvas.field("Mã", "7dc67ac5-affa-official-fluffy");
            pdf = canvas.finish("x", "Encounter-affa-fi-fl");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(PdfCheck.normalise(new PDFTextStripper().getText(document)))
                    .contains("Mã: 7dc67ac5-affa-official-fluffy").contains("Mã tài liệu: Encounter-affa-fi-fl");
        }
    }
}
