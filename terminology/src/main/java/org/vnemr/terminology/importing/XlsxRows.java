package org.vnemr.terminology.importing;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the rows of chosen sheets of an .xlsx file as text with POI's streaming (SAX) parts: the ICD-10 appendix
 * holds a 10 MB sheet we do not need, and the whole-workbook API would build it in memory first. The sheet list is
 * read from {@code workbook.xml} with SAX too, and cell styles are not read, so POI's XMLBeans schema types are
 * never loaded (that alone costs seconds on a cold start). Values are as stored (cached results of formulas;
 * numbers in the general format — the code lists keep codes as text); missing cells are empty strings.
 */
public final class XlsxRows {

    private static final String RELATIONSHIPS_NS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** Receives each row of a wanted sheet. */
    @FunctionalInterface
    public interface RowHandler {
        void row(String sheet, int rowIndex, List<String> cells);
    }

    private XlsxRows() {
    }

    public static void read(InputStream xlsx, String fileName, Predicate<String> wantedSheet, RowHandler handler) {
        try (OPCPackage pkg = OPCPackage.open(xlsx)) {
            PackageRelationship document = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT)
                    .getRelationship(0);
            if (document == null) {
                throw new DataFileException(fileName, "not a workbook");
            }
            PackagePart workbook = pkg.getPart(document);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            for (String[] sheet : sheets(workbook)) {
                String name = sheet[0];
                if (!wantedSheet.test(name)) {
                    continue;
                }
                PackageRelationship rel = workbook.getRelationship(sheet[1]);
                PackagePart part = pkg.getPart(PackagingURIHelper.createPartName(
                        PackagingURIHelper.resolvePartUri(workbook.getPartName().getURI(), rel.getTargetURI())));
                try (InputStream in = part.getInputStream()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(null, strings, new Collector(name, handler),
                            false));
                    parser.parse(new InputSource(in));
                }
            }
        } catch (DataFileException e) {
            throw e;
        } catch (Exception e) {
            throw new DataFileException(fileName, e.getMessage(), e);
        }
    }

    /** Name and relationship id of each sheet, in workbook order. */
    private static List<String[]> sheets(PackagePart workbook) throws Exception {
        List<String[]> sheets = new ArrayList<>();
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("sheet".equals(localName) || qName.endsWith(":sheet") || "sheet".equals(qName)) {
                    String id = attributes.getValue(RELATIONSHIPS_NS, "id");
                    sheets.add(new String[] {attributes.getValue("name"), id != null ? id : attributes.getValue("r:id")});
                }
            }
        });
        try (InputStream in = workbook.getInputStream()) {
            parser.parse(new InputSource(in));
        }
        return sheets;
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
