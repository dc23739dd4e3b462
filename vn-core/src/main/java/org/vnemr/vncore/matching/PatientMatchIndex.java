package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.store.FhirJson;

import java.sql.Array;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocking-key table {@code vncore_match_key} and the scorer's facts {@code vncore_match_facts}, kept up to date from the queue that database triggers
 * fill on every write to the patient table ({@code vncore_match_pending}, migration V3_050). Keys are
 * computed in Java from the stored JSON, so the normalisation rules live in one place
 * ({@link PatientFacts}, {@link IdentifierKeys}). {@link #refresh()} runs before each match (it costs one
 * small query when nothing was written) and once in the background at start-up.
 */
public class PatientMatchIndex {

    private static final int BATCH = 2000;
    /** Serialises refreshers, so two of them never rewrite the keys of one patient at once. */
    private static final long LOCK = 0x766e636f72654dL; // "vncoreM"

    private static final String SQL_TAKE_PENDING = """
            DELETE FROM vncore_match_pending WHERE seq IN (
              SELECT seq FROM vncore_match_pending ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING patient_id""";
    private static final String SQL_SELECT_PATIENTS = "SELECT id, deleted, content FROM " + Tables.current("Patient")
            + " WHERE id = ANY(?)";
    private static final String SQL_DELETE_KEYS = "DELETE FROM vncore_match_key WHERE patient_id = ANY(?)";
    private static final String SQL_DELETE_FACTS = "DELETE FROM vncore_match_facts WHERE patient_id = ANY(?)";
    private static final String SQL_INSERT_FACTS = """
            INSERT INTO vncore_match_facts (patient_id, facts) SELECT p, f FROM unnest(?::text[], ?::text[]) AS t(p, f)""";
    private static final String SQL_INSERT_KEYS = """
            INSERT INTO vncore_match_key (match_key, patient_id)
            SELECT k, p FROM unnest(?::text[], ?::text[]) AS t(k, p) ON CONFLICT DO NOTHING""";
    /**
     * The match facts of the patients sharing a key: those sharing an identifier first, then those sharing
     * the most keys, so the cap never drops the best ones.
     */
    private static final String SQL_SELECT_CANDIDATES = """
            SELECT f.patient_id, f.facts FROM vncore_match_facts f JOIN (
              SELECT patient_id FROM vncore_match_key WHERE match_key = ANY(?)
              GROUP BY patient_id ORDER BY bool_or(match_key LIKE 'id:%') DESC, count(*) DESC, patient_id LIMIT ?
            ) c ON c.patient_id = f.patient_id""";
    private static final String SQL_SELECT_CONTENT = "SELECT id, content FROM " + Tables.current("Patient")
            + " WHERE id = ANY(?) AND NOT deleted";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public PatientMatchIndex(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Computes the keys of every patient written since the last refresh; returns how many were indexed. */
    public int refresh() {
        if (!hasPending()) {
            return 0; // the common case: one read, no transaction
        }
        int total = 0;
        while (true) {
            Integer done = transactions.execute(status -> refreshBatch());
            if (done == null || done == 0) {
                return total;
            }
            total += done;
        }
    }

    private int refreshBatch() {
        if (!hasPending()) {
            return 0;
        }
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {
        }, LOCK);
        Set<String> ids = new LinkedHashSet<>(jdbc.queryForList(SQL_TAKE_PENDING, String.class, BATCH));
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> keys = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<String> factIds = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(SQL_SELECT_PATIENTS);
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            if (rs.getBoolean("deleted") || rs.getString("content") == null) {
                return;
            }
            ObjectNode patient = FhirJson.parseResource(rs.getString("content"));
            String id = rs.getString("id");
            PatientFacts patientFacts = PatientFacts.of(patient);
            factIds.add(id);
            facts.add(patientFacts.toStored());
            for (String key : PatientMatchKeys.stored(patientFacts)) {
                keys.add(key);
                owners.add(id);
            }
        });
        jdbc.update(con -> {
            var ps = con.prepareStatement(SQL_DELETE_KEYS);
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        });
        jdbc.update(con -> {
            var ps = con.prepareStatement(SQL_DELETE_FACTS);
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        });
        if (!facts.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement(SQL_INSERT_FACTS);
                ps.setArray(1, con.createArrayOf("text", factIds.toArray()));
                ps.setArray(2, con.createArrayOf("text", facts.toArray()));
                return ps;
            });
        }
        if (!keys.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement(SQL_INSERT_KEYS);
                ps.setArray(1, con.createArrayOf("text", keys.toArray()));
                ps.setArray(2, con.createArrayOf("text", owners.toArray()));
                return ps;
            });
        }
        return ids.size();
    }

    private boolean hasPending() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM vncore_match_pending)", Boolean.class));
    }

    /** The match facts of the patients sharing at least one of the keys, at most {@code limit}. */
    public List<PatientFacts> candidates(Set<String> keys, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.query(con -> {
            var ps = con.prepareStatement(SQL_SELECT_CANDIDATES);
            Array array = con.createArrayOf("text", keys.toArray());
            ps.setArray(1, array);
            ps.setInt(2, limit);
            return ps;
        }, (rs, n) -> PatientFacts.fromStored(rs.getString(1), rs.getString(2)));
    }

    /** The current JSON (as served) of the given patients, by id; deleted ones are left out. */
    public java.util.Map<String, String> contents(java.util.Collection<String> ids) {
        java.util.Map<String, String> contents = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return contents;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement(SQL_SELECT_CONTENT);
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            contents.put(rs.getString(1), rs.getString(2));
        });
        return contents;
    }

    /** Ids of patients whose keys are waiting to be computed (0 when the index is current). */
    public long pending() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM vncore_match_pending", Long.class);
        return n == null ? 0 : n;
    }
}
