package org.vnemr.bhyt.xml130;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One claim dossier (hồ sơ = one treatment episode, one MA_LK): the rows of each table that applies, tables in
 * LOAIHOSO order (XML1, XML2 … XML15). Only tables with rows are written to the envelope.
 */
public final class Dossier {

    private static final Comparator<String> TABLE_ORDER = Comparator.comparingInt(t -> Integer.parseInt(t.substring(3)));

    private final Map<String, List<Row>> tables = new LinkedHashMap<>();

    public static Dossier of(List<? extends Xml130Record> records) {
        Dossier dossier = new Dossier();
        records.forEach(dossier::add);
        return dossier;
    }

    public Dossier add(Xml130Record record) {
        return add(record.toRow());
    }

    public Dossier add(Row row) {
        tables.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
        return this;
    }

    /** Rows of {@code table}, empty when the table does not apply. */
    public List<Row> rows(String table) {
        return Collections.unmodifiableList(tables.getOrDefault(table, List.of()));
    }

    /** Mutable rows, for the validator tests that corrupt one field. */
    public List<Row> mutableRows(String table) {
        return tables.computeIfAbsent(table, t -> new ArrayList<>());
    }

    /** Tables with at least one row, in LOAIHOSO order. */
    public List<String> tableNames() {
        return tables.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted(TABLE_ORDER).toList();
    }

    public String maLk() {
        List<Row> xml1 = rows("XML1");
        return xml1.isEmpty() ? "" : xml1.get(0).get("MA_LK");
    }

    public Dossier copy() {
        Dossier copy = new Dossier();
        tables.forEach((t, rows) -> rows.forEach(r -> copy.add(r.copy())));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dossier other && other.normalised().equals(normalised());
    }

    private Map<String, List<Row>> normalised() {
        Map<String, List<Row>> map = new LinkedHashMap<>();
        tableNames().forEach(t -> map.put(t, tables.get(t)));
        return map;
    }

    @Override
    public int hashCode() {
        return normalised().hashCode();
    }

    @Override
    public String toString() {
        return "Dossier" + normalised();
    }
}
