package org.vnemr.terminology.importing;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the rows of chosen sheets of an .xlsx file as text, streaming (SAX): the ICD-10 appendix holds a 10 MB
 * sheet we do not need, and the whole-workbook API would build it in memory first. Values are as Excel shows
 * them (cached results of formulas), numbers in the general format (the code lists keep codes as text; reading
 * the styles would load XMLBeans' schema types, seconds on a cold start); missing cells are empty strings.
 */
public final class XlsxRows {

    /** Receives each row of a wanted sheet. */
    @FunctionalInterface
    public interface RowHandler {
        void row(String sheet, int rowIndex, List<String> cells);
    }

    private XlsxRows() {
    }

    public static void read(InputStream xlsx, String fileName, Predicate<String> wantedSheet, RowHandler handler) {
        try (OPCPackage pkg = OPCPackage.open(xlsx)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    if (!wantedSheet.test(name)) {
                        continue;
                    }
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(null, strings, new Collector(name, handler),
                            false));
                    parser.parse(new InputSource(sheet));
                }
            }
        } catch (Exception e) {
            throw new DataFileException(fileName, e.getMessage(), e);
        }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final String sheet;
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private int row;

        Collector(String sheet, RowHandler handler) {
            this.sheet = sheet;
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum;
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            handler.row(sheet, row, List.copyOf(cells));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value.trim());
        }
    }
}
