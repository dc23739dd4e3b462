package org.vnemr.terminology.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads RFC 4180 CSV in UTF-8 (quoted fields with commas, doubled quotes and line breaks; an optional byte-order
 * mark). Small on purpose: the national lists are exported from Excel in exactly this form.
 */
public final class CsvRows {

    private CsvRows() {
    }

    /** Calls {@code rows} with each record, the header included. */
    public static void read(InputStream in, String fileName, Consumer<List<String>> rows) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c = reader.read();
            if (c == '\uFEFF') {
                c = reader.read();
            }
            for (; c != -1; c = reader.read()) {
                char ch = (char) c;
                any = true;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int next = reader.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                reader.reset();
                            }
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (ch == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r') {
                        reader.mark(1);
                        if (reader.read() != '\n') {
                            reader.reset();
                        }
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    rows.accept(List.copyOf(record));
                    record.clear();
                    any = false;
                } else {
                    field.append(ch);
                }
            }
            if (quoted) {
                throw new DataFileException(fileName, "unterminated quoted field");
            }
            if (any) {
                record.add(field.toString());
                rows.accept(List.copyOf(record));
            }
        } catch (IOException e) {
            throw new DataFileException(fileName, e.getMessage(), e);
        }
    }
}
