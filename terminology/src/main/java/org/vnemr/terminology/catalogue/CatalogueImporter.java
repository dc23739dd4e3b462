package org.vnemr.terminology.catalogue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one kind of catalogue from the first sheet of an .xlsx file and checks every row. The header row is
 * found among the first rows (a Ministry file often has a title block above it) as the row naming the code
 * column; columns are matched by header name, so extra columns and any order are fine. Every refused cell
 * becomes a {@link RowProblem} naming the row and the column; one problem refuses the whole file.
 *
 * <p>Subclasses say which columns their catalogue has and, where needed, how a row's code is formed.
 */
public abstract class CatalogueImporter {

    static final int HEADER_SEARCH_ROWS = 20;
    static final int MAX_PROBLEMS = 200;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,3})?");
    private static final Pattern RATIO = Pattern.compile("\\d{1,3}(\\.\\d{1,3})?");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** The catalogue this importer reads. */
    public abstract CatalogueKind kind();

    /** The columns in the order they are stored; exactly one of type CODE, at most one DISPLAY. */
    abstract List<Column> columns();

    /** The code of a checked row; by default the CODE column. Beds combine department and bed number. */
    String entryCode(Map<String, String> fields, String code) {
        return code;
    }

    /** The name of a checked row; by default the DISPLAY column. */
    String entryDisplay(Map<String, String> fields, String code, String display) {
        return display;
    }

    /** A raw code as typed before its format is checked (e.g. a visit type typed as the number 1). */
    String normaliseCode(String raw) {
        return raw;
    }

    /** Reads and checks the whole file; throws {@link CatalogueImportException} on any problem. */
    public List<CatalogueEntry> read(InputStream xlsx) {
        Reading reading = new Reading();
        try {
            XlsxRows.read(xlsx, reading::row);
        } catch (CatalogueImportException e) {
            throw e;
        } catch (Exception e) {
            throw new CatalogueImportException(List.of(new RowProblem("VNEMR-2101", messageOf(e))));
        }
        return reading.finish();
    }

    private static String messageOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private Column codeColumn() {
        return columns().stream().filter(c -> c.type() == Column.Type.CODE).findFirst().orElseThrow();
    }

    /** The state of one read: header mapping, rows seen, problems. */
    private final class Reading {

        private final List<Column> columns = columns();
        private final Column codeColumn = codeColumn();
        /** By position in {@code columns}: the file's column index (-1 = absent) and header text. */
        private final int[] indexOf = new int[columns.size()];
        private final String[] headerOf = new String[columns.size()];
        private final Map<String, Integer> rowOfCode = new HashMap<>();
        private final List<CatalogueEntry> entries = new ArrayList<>();
        private final List<RowProblem> problems = new ArrayList<>();
        private int problemCount;
        private int headerRow;
        private boolean gaveUp;

        void row(int rowNumber, Map<Integer, String> cells) {
            if (gaveUp) {
                return;
            }
            if (headerRow == 0) {
                findHeader(rowNumber, cells);
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String code = null;
            String display = null;
            int before = problemCount;
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                String raw = indexOf[i] < 0 ? null : cells.get(indexOf[i]);
                if (column == codeColumn && raw != null) {
                    raw = normaliseCode(raw);
                }
                String value = check(rowNumber, column, headerOf[i], raw);
                if (column.type() == Column.Type.CODE) {
                    code = value;
                } else if (column.type() == Column.Type.DISPLAY) {
                    display = value;
                } else if (value != null) {
                    fields.put(column.name(), value);
                }
            }
            checkPeriod(rowNumber, fields);
            if (code == null) {
                return;
            }
            // a code is taken by its first row even when that row has other problems, so repeats are reported too
            String entryCode = entryCode(fields, code);
            Integer first = rowOfCode.putIfAbsent(entryCode, rowNumber);
            if (first != null) {
                problem(new RowProblem("VNEMR-2109", rowText(rowNumber), headerOf[columns.indexOf(codeColumn)], entryCode,
                        rowText(first)));
                return;
            }
            if (problemCount > before) {
                return;
            }
            entries.add(new CatalogueEntry(entryCode, entryDisplay(fields, code, display), fields));
        }

        private void findHeader(int rowNumber, Map<Integer, String> cells) {
            if (rowNumber > HEADER_SEARCH_ROWS) {
                gaveUp = true;
                return;
            }
            boolean hasCode = cells.values().stream().anyMatch(codeColumn::matches);
            if (!hasCode) {
                return;
            }
            headerRow = rowNumber;
            java.util.Arrays.fill(indexOf, -1);
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (indexOf[i] < 0 && columns.get(i).matches(cell.getValue())) {
                        indexOf[i] = cell.getKey();
                        headerOf[i] = cell.getValue();
                        break;
                    }
                }
            }
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (headerOf[i] == null) {
                    headerOf[i] = column.name();
                }
                if (column.required() && indexOf[i] < 0) {
                    problem(new RowProblem("VNEMR-2103", column.name(), rowText(rowNumber)));
                }
            }
            if (problemCount > 0) {
                gaveUp = true;
            }
        }

        /** The normalised value of one cell, or null (blank, or refused with a problem). */
        private String check(int rowNumber, Column column, String header, String raw) {
            if (raw == null || raw.isBlank()) {
                if (column.required()) {
                    problem(new RowProblem("VNEMR-2104", rowText(rowNumber), header));
                }
                return null;
            }
            String value = raw.strip();
            switch (column.type()) {
                case DECIMAL -> {
                    if (!DECIMAL.matcher(value).matches()) {
                        problem(new RowProblem("VNEMR-2106", rowText(rowNumber), header, value));
                        return null;
                    }
                    return new BigDecimal(value).stripTrailingZeros().toPlainString();
                }
                case RATIO -> {
                    if (!RATIO.matcher(value).matches() || new BigDecimal(value).compareTo(BigDecimal.valueOf(100)) > 0) {
                        problem(new RowProblem("VNEMR-2107", rowText(rowNumber), header, value));
                        return null;
                    }
                    return new BigDecimal(value).stripTrailingZeros().toPlainString();
                }
                case DATE -> {
                    LocalDate date = parseDate(value);
                    if (date == null) {
                        problem(new RowProblem("VNEMR-2108", rowText(rowNumber), header, value));
                        return null;
                    }
                    return date.toString();
                }
                default -> {
                    if (column.maxLength() > 0 && value.length() > column.maxLength()) {
                        problem(new RowProblem("VNEMR-2110", rowText(rowNumber), header, String.valueOf(value.length()),
                                String.valueOf(column.maxLength())));
                        return null;
                    }
                    if (column.format() != null && !column.format().matcher(value).matches()) {
                        problem(new RowProblem("VNEMR-2105", rowText(rowNumber), header, value, column.formatText()));
                        return null;
                    }
                    return value;
                }
            }
        }

        private void checkPeriod(int rowNumber, Map<String, String> fields) {
            String from = fields.get(CatalogueEntry.VALID_FROM);
            String to = fields.get(CatalogueEntry.VALID_TO);
            if (from != null && to != null && LocalDate.parse(to).isBefore(LocalDate.parse(from))) {
                int toColumn = 0;
                while (!columns.get(toColumn).name().equals(CatalogueEntry.VALID_TO)) {
                    toColumn++;
                }
                problem(new RowProblem("VNEMR-2112", rowText(rowNumber), headerOf[toColumn], to, from));
            }
        }

        private void problem(RowProblem problem) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            }
        }

        List<CatalogueEntry> finish() {
            if (headerRow == 0 && problemCount == 0) {
                problem(new RowProblem("VNEMR-2102", codeColumn.name(), String.valueOf(HEADER_SEARCH_ROWS)));
            } else if (problemCount == 0 && entries.isEmpty()) {
                problem(new RowProblem("VNEMR-2111"));
            }
            if (problemCount > 0) {
                List<RowProblem> all = new ArrayList<>();
                if (problemCount > problems.size()) {
                    all.add(new RowProblem("VNEMR-2118", String.valueOf(problemCount), String.valueOf(problems.size())));
                }
                all.addAll(problems);
                throw new CatalogueImportException(all);
            }
            return List.copyOf(entries);
        }
    }

    /** Row numbers as text, so messages never show them with a thousands separator. */
    private static String rowText(int rowNumber) {
        return String.valueOf(rowNumber);
    }

    static LocalDate parseDate(String value) {
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value);
            }
            if (value.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                return LocalDate.parse(value, DAY_MONTH_YEAR);
            }
            if (value.matches("\\d{8}")) {
                return LocalDate.parse(value, COMPACT);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    // Column sets shared by the priced catalogues.

    static Column bhytPrice(boolean required) {
        return Column.of(CatalogueEntry.BHYT_PRICE, Column.Type.DECIMAL, required, 0, "Giá BHYT", "Đơn giá BHYT",
                "GIA_BHYT", "Giá BHYT thanh toán");
    }

    static Column servicePrice() {
        return Column.of(CatalogueEntry.SERVICE_PRICE, Column.Type.DECIMAL, false, 0, "DON_GIA", "Giá dịch vụ",
                "GIA_DICH_VU", "Đơn giá", "Giá viện phí", "GIA_VIEN_PHI");
    }

    static Column paymentRatio() {
        return Column.of(CatalogueEntry.PAYMENT_RATIO, Column.Type.RATIO, false, 0, "Tỷ lệ thanh toán BHYT",
                "Tỷ lệ thanh toán", "TY_LE_TT", "TYLE_TT");
    }

    static Column validFrom() {
        return Column.of(CatalogueEntry.VALID_FROM, Column.Type.DATE, false, 0, "Từ ngày", "Ngày áp dụng",
                "NGAY_AP_DUNG", "Ngày hiệu lực");
    }

    static Column validTo() {
        return Column.of(CatalogueEntry.VALID_TO, Column.Type.DATE, false, 0, "Đến ngày", "Ngày hết hiệu lực");
    }

    static Column note() {
        return Column.of("GHI_CHU", Column.Type.TEXT, false, 1024, "Ghi chú");
    }
}
