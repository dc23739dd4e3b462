package org.vnemr.terminology.icd;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A small workbook in the layout of the QĐ 4469 appendix (title line, decree line, column headings, dotless
 * codes; several annexes on one sheet), with a few rows of each annex the importer reads.
 */
final class SampleAppendix {

    private SampleAppendix() {
    }

    static byte[] bytes() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            sheet(wb, "ICD10", "Phụ lục 1: Danh mục mã bệnh", "A000");
            sheet(wb, "E - ICD10 Mã bệnh chính", "Phụ lục E: Mã bệnh ICD-10 và Nhóm DRG chính",
                    "J189|x|Pneumonia, unspecified|04", "A000|x|Cholera|06");
            sheet(wb, "A1", "Phụ lục A1: Các Mã bệnh kép (*) và (+) luôn đi kèm với nhau",
                    "A170|x|G01|x|G01|x", "A000|x|J170|x|J170|x");
            sheet(wb, "A2 Mã ICD10 ko mã bệnh chính", "Phụ lục A2: Các mã bệnh không sử dụng là bệnh chính",
                    "J170|*|x|Pneumonia in bacterial diseases");
            sheet(wb, "A3.1", "Phụ lục A3.1 Bệnh trẻ sơ sinh ( phù hợp tuổi : 0 - 365 ngày )", "P070", "P071");
            sheet(wb, "A3.7 - A3.8", "Phụ lục A3.7 Bệnh của tuổi dậy thì (tuổi hợp lệ : 8 – 19 tuổi)", "E309",
                    "", "Phụ lục A3.8 Bệnh sản phụ khoa (tuổi hợp lệ : 9 – 60 tuổi)", "Mã|Tên bệnh", "O800", "O801");
            sheet(wb, "A3.9", "Phụ lục A3.9 Bệnh của người trưởng thành (tuổi hợp lệ: trên 15 tuổi)", "M800", "M8000");
            sheet(wb, "A4.1", "Phụ lục A4.1 Bệnh chỉ có ở giới Nữ", "O800", "O801", "O808", "O809", "Z999");
            sheet(wb, "A4.2", "Phụ lục A4.2 Bệnh chỉ có ở giới Nam", "N40");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sheet(XSSFWorkbook wb, String name, String title, String... rows) {
        Sheet sheet = wb.createSheet(name);
        int r = 0;
        sheet.createRow(r++).createCell(0).setCellValue(title);
        sheet.createRow(r++).createCell(0).setCellValue("(Ban hành kèm theo Quyết định số _._._/QĐ-BYT)");
        Row heading = sheet.createRow(r++);
        heading.createCell(0).setCellValue("Mã");
        heading.createCell(1).setCellValue("Tên bệnh");
        for (String line : rows) {
            Row row = sheet.createRow(r++);
            String[] cells = line.split("\\|", -1);
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
        }
    }
}
