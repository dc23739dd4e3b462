package org.vnemr.terminology.icd9;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.importing.DataFileException;
import org.vnemr.terminology.importing.DataFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Icd9CmImporterTest {

    private static final String[] HEADINGS = {"Mã chuyên khoa 21", "Chuyên khoa 21", "Mã tương đương", "Tên 21",
            "Phân tuyến", "Phân loại", "Mã ICD-9", "Tên ICD-9", "Chương ICD-9", "ID Chương ICD-9", "Ngày đồng bộ"};

    /** The layout of QĐ 4440 appendix 3: title, decree line, headings, rows. */
    private static byte[] sample(String[] headings, String[]... rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Sheet0");
            sheet.createRow(0).createCell(0).setCellValue("Phụ lục 3: Danh mục chuyển đổi … ICD-9 CM");
            sheet.createRow(1).createCell(0).setCellValue("(Ban hành kèm theo Quyết định số _._._/QĐ-BYT)");
            Row h = sheet.createRow(2);
            for (int i = 0; i < headings.length; i++) {
                h.createCell(i).setCellValue(headings[i]);
            }
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(3 + r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static String[] row(String technique, String name, String icd9, String icd9Name, String chapter) {
        return new String[] {"1", "Hệ thần kinh", technique, name, "B", "T1", icd9, icd9Name, chapter, "6",
                "12/10/2020"};
    }

    @Test
    void sample_becomesCodeSystemUnderChapters_andTechniqueMap() throws IOException {
        byte[] xlsx = sample(HEADINGS,
                row("01.0116.0118", "Nội soi bơm rửa phế quản", "96.56", "Rửa phế quản và khí quản khác",
                        "(87-99) PTTT CHẨN ĐOÁN VÀ ĐIỀU TRỊ KHÔNG ĐỊNH DANH"),
                row("01.0117.0118", "Nội soi phế quản cấp cứu để cầm máu", "33.22", "Soi phế quản với ống soi mềm",
                        "(30-34) PHẪU THUẬT HỆ HÔ HẤP"),
                row("01.0118.0118", "Nội soi phế quản sinh thiết", "33.2", "Thủ thuật chẩn đoán phế quản",
                        "(30-34) PHẪU THUẬT HỆ HÔ HẤP"),
                row("01.0119.0118", "Kỹ thuật chưa có mã ICD-9", "", "", ""));
        Icd9CmImporter.Result result = Icd9CmImporter.importFrom(new ByteArrayInputStream(xlsx), "sample.xlsx");
        CodeSystemIndex cs = CodeSystemReader.read(result.resources().get(0));
        assertThat(cs.url()).isEqualTo("http://hl7.org/fhir/sid/icd-9-cm");
        assertThat(cs.find("96.56").orElseThrow().display()).isEqualTo("Rửa phế quản và khí quản khác");
        assertThat(cs.find("96.56").orElseThrow().parents()).containsExactly("87-99");
        assertThat(cs.find("33.22").orElseThrow().parents()).containsExactly("33.2");
        assertThat(cs.find("30-34").orElseThrow().display()).isEqualTo("Phẫu thuật hệ hô hấp");
        assertThat(cs.find("30-34").orElseThrow().selectable()).isFalse();
        assertThat(cs.find("3322")).isPresent();
        assertThat(result.stats()).isEqualTo(new Icd9CmImporter.Stats(3, 2, 3, 1));
        ObjectNode map = result.resources().get(2);
        assertThat(map.path("resourceType").asText()).isEqualTo("ConceptMap");
        assertThat(map.at("/group/0/element/1/code").asText()).isEqualTo("01.0117.0118");
        assertThat(map.at("/group/0/element/1/target/0/code").asText()).isEqualTo("33.22");
    }

    @Test
    void workbookWithoutTheIcd9Column_isRefused() throws IOException {
        byte[] xlsx = sample(new String[] {"Mã tương đương", "Tên 21"}, new String[] {"01.0116.0118", "x"});
        assertThatThrownBy(() -> Icd9CmImporter.importFrom(new ByteArrayInputStream(xlsx), "bad.xlsx"))
                .isInstanceOf(DataFileException.class).hasMessageContaining("bad.xlsx");
    }

    @Test
    void shippedFile_hasTheCodesOfQd4440() throws IOException {
        try (InputStream in = DataFiles.open(Icd9CmSource.XLSX)) {
            Icd9CmImporter.Result result = Icd9CmImporter.importFrom(in, Icd9CmSource.XLSX);
            CodeSystemIndex cs = CodeSystemReader.read(result.resources().get(0));
            // 1,260 distinct ICD-9-CM codes in 9,212 rows, 18 chapters; 1,176 techniques have no ICD-9 code
            assertThat(result.stats().codes()).isEqualTo(1260);
            assertThat(result.stats().chapters()).isEqualTo(18);
            assertThat(cs.find("88.73").orElseThrow().display()).isEqualTo("Siêu âm chẩn đoán ở vị trí khác của ngực");
            assertThat(result.stats().mappings()).isGreaterThan(8000);
        }
    }
}
