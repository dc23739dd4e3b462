package org.vnemr.terminology.catalogue;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Reads the first sheet of an .xlsx file row by row with POI's streaming (SAX) reader, so a catalogue of tens of
 * thousands of rows never becomes a workbook object in memory. Cells come as text: numbers in plain decimal
 * form whatever their display format ({@code 125000}, {@code 12.5}), date-formatted numbers as
 * {@code yyyy-MM-dd}, text as typed. Empty rows are skipped; the XML parser refuses DTDs and external entities.
 */
final class XlsxRows {

    private XlsxRows() {
    }

    /** Calls {@code row} with the 1-based row number and the non-blank cells by 0-based column index. */
    static void read(InputStream xlsx, BiConsumer<Integer, Map<Integer, String>> row) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(xlsx)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = hardenedParser();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Collector(row),
                        new PlainFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        }
    }

    /** A SAX parser that refuses DTDs and never resolves external entities. */
    private static XMLReader hardenedParser() throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        return factory.newSAXParser().getXMLReader();
    }

    /** Numbers without grouping or rounding, dates in ISO form: what the validators expect. */
    private static final class PlainFormatter extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** "AB12" → 27: the letters of an A1 reference, without building a CellReference per cell. */
    static int columnOf(String reference) {
        int column = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final BiConsumer<Integer, Map<Integer, String>> row;
        private Map<Integer, String> cells = new TreeMap<>();
        private int nextColumn;

        Collector(BiConsumer<Integer, Map<Integer, String>> row) {
            this.row = row;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new TreeMap<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            if (!cells.isEmpty()) {
                row.accept(rowNum + 1, cells);
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? nextColumn : columnOf(cellReference);
            nextColumn = column + 1;
            if (formattedValue != null && !formattedValue.isBlank()) {
                cells.put(column, formattedValue.strip());
            }
        }
    }
}
