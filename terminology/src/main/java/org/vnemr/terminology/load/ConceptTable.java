package org.vnemr.terminology.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.Designation;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.codesystem.PropertyDefinition;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terminology tables ({@code V2_001__terminology_tables.sql}): which version of each source is loaded, and
 * the concepts of the loaded code systems, from which the in-memory index is rebuilt at every start without
 * parsing the (large) CodeSystem resources again.
 */
public final class ConceptTable {

    private static final String SQL_SELECT_VERSIONS = """
            SELECT name, version FROM terminology_source""";
    private static final String SQL_UPSERT_SOURCE = """
            INSERT INTO terminology_source (name, version, resource_count, concept_count, load_millis, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, resource_count = excluded.resource_count,
              concept_count = excluded.concept_count, load_millis = excluded.load_millis,
              loaded_at = excluded.loaded_at""";
    private static final String SQL_DELETE_CODE_SYSTEMS = """
            DELETE FROM terminology_code_system WHERE source = ? OR url = ANY (?)""";
    private static final String SQL_INSERT_CODE_SYSTEM = """
            INSERT INTO terminology_code_system (url, version, source, resource_id, name, title, value_set, properties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";
    private static final String SQL_INSERT_CONCEPT = """
            INSERT INTO terminology_concept (system, code, ordinal, display, display_folded, parents, ancestors,
              properties, designations, active)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""";
    private static final String SQL_SELECT_CODE_SYSTEMS = """
            SELECT url, version, resource_id, name, title, value_set, properties FROM terminology_code_system""";
    private static final String SQL_SELECT_CONCEPTS = """
            SELECT system, code, ordinal, display, parents, properties, designations, active, display_folded
            FROM terminology_concept ORDER BY system, ordinal""";

    private static final TypeReference<Map<String, List<String>>> PROPERTIES = new TypeReference<>() {
    };
    private static final TypeReference<List<Designation>> DESIGNATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<PropertyDefinition>> DEFINITIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public ConceptTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Source name → loaded version. */
    public Map<String, String> loadedVersions() {
        Map<String, String> versions = new HashMap<>();
        jdbc.query(SQL_SELECT_VERSIONS, rs -> {
            versions.put(rs.getString(1), rs.getString(2));
        });
        return versions;
    }

    /** Records a source as loaded and replaces its code systems' concepts (inside the caller's transaction). */
    public void replaceSource(String source, String version, int resourceCount, List<CodeSystemIndex> systems,
                              long loadMillis) {
        int concepts = systems.stream().mapToInt(CodeSystemIndex::size).sum();
        jdbc.update(SQL_UPSERT_SOURCE, source, version, resourceCount, concepts, loadMillis,
                Timestamp.from(Instant.now()));
        String[] urls = systems.stream().map(CodeSystemIndex::url).toArray(String[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement(SQL_DELETE_CODE_SYSTEMS);
            ps.setString(1, source);
            ps.setArray(2, con.createArrayOf("text", urls));
            return ps;
        });
        for (CodeSystemIndex cs : systems) {
            jdbc.update(SQL_INSERT_CODE_SYSTEM, cs.url(), cs.version(), source, cs.resourceId(), cs.name(),
                    cs.title(), cs.valueSet(), json(List.copyOf(cs.propertyDefinitions().values())));
            List<IndexedConcept> all = cs.concepts();
            for (int from = 0; from < all.size(); from += 1000) {
                List<IndexedConcept> batch = all.subList(from, Math.min(all.size(), from + 1000));
                jdbc.batchUpdate(SQL_INSERT_CONCEPT, batch, batch.size(), (ps, c) -> {
                    ps.setString(1, cs.url());
                    ps.setString(2, c.code());
                    ps.setInt(3, c.ordinal());
                    ps.setString(4, c.display());
                    ps.setString(5, c.folded());
                    ps.setArray(6, ps.getConnection().createArrayOf("text", c.parents().toArray()));
                    ps.setArray(7, ps.getConnection().createArrayOf("text", cs.ancestors(c.code()).toArray()));
                    ps.setString(8, json(c.properties()));
                    ps.setString(9, json(c.designations()));
                    ps.setBoolean(10, c.active());
                });
            }
        }
    }

    /** Every loaded code system, rebuilt from the tables. */
    public List<CodeSystemIndex> readAll() {
        Map<String, List<IndexedConcept>> concepts = new LinkedHashMap<>();
        jdbc.query(SQL_SELECT_CONCEPTS, rs -> {
            concepts.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(concept(rs));
        });
        return jdbc.query(SQL_SELECT_CODE_SYSTEMS, (rs, n) -> new CodeSystemIndex(rs.getString(1), rs.getString(2),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(3),
                parse(rs.getString(7), DEFINITIONS), concepts.getOrDefault(rs.getString(1), List.of())));
    }

    private static IndexedConcept concept(ResultSet rs) throws SQLException {
        String folded = rs.getString(9);
        // the folded display is stored: folding every display again would cost most of a restart's load
        return IndexedConcept.of(rs.getString(2), rs.getString(4), folded == null ? "" : folded,
                strings(rs.getArray(5)),
                parse(rs.getString(6), PROPERTIES), parse(rs.getString(7), DESIGNATIONS), rs.getBoolean(8),
                rs.getInt(3));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String json(Object value) {
        try {
            return FhirJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return FhirJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
