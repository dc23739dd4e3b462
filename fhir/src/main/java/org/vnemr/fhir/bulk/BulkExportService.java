package org.vnemr.fhir.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.References;
import org.vnemr.fhir.store.ResourceStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * FHIR Bulk Data export (system, Patient and Group level) as NDJSON files, with the asynchronous
 * kick-off / status / download pattern. A job records its transaction time at kick-off and exports every
 * current version last updated up to then ({@code _since} bounds it from below), type by type, streamed from
 * the database with a cursor into {@code <export-dir>/<job>/<Type>.ndjson}. Jobs run one at a time on a
 * background thread; their state lives in {@code bulk_export_job}, so a status URL survives a restart (a job
 * interrupted by a restart is reported as failed).
 */
public class BulkExportService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkExportService.class);
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f\\-]{36}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z]+\\.ndjson");

    private static final String SQL_INSERT_JOB = """
            INSERT INTO bulk_export_job (id, status, request_url, export_level, group_id, types, since, transaction_time)
            VALUES (?, 'accepted', ?, ?, ?, ?, ?, ?)""";
    private static final String SQL_SELECT_JOB = """
            SELECT id, status, request_url, export_level, group_id, types, since, transaction_time, progress, error, output
            FROM bulk_export_job WHERE id = ?""";
    private static final String SQL_UPDATE_STATUS = """
            UPDATE bulk_export_job SET status = ?, progress = ?, error = ?, output = ?,
              finished = CASE WHEN ? IN ('completed', 'failed', 'cancelled') THEN now() END
            WHERE id = ? AND status NOT IN ('cancelled')""";
    private static final String SQL_CANCEL = """
            UPDATE bulk_export_job SET status = 'cancelled', finished = now() WHERE id = ?""";
    private static final String SQL_FAIL_INTERRUPTED = """
            UPDATE bulk_export_job SET status = 'failed', error = 'interrupted by a server restart', finished = now()
            WHERE status IN ('accepted', 'running')""";

    private final JdbcTemplate jdbc;
    private final SearchParamCatalog catalog;
    private final ResourceStore store;
    private final TransactionTemplate readOnly;
    private final Path directory;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bulk-export");
        t.setDaemon(true);
        return t;
    });

    public BulkExportService(JdbcTemplate jdbc, SearchParamCatalog catalog, ResourceStore store,
                             TransactionTemplate transactions, Path directory) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.store = store;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.directory = directory;
        jdbc.update(SQL_FAIL_INTERRUPTED);
    }

    /** What a kick-off asks for. */
    public record Request(String level, String groupId, List<String> types, Instant since, String requestUrl) {
    }

    /** A job as the status URL reports it. */
    public record Job(String id, String status, String requestUrl, String level, String groupId, List<String> types,
                      Instant since, Instant transactionTime, String progress, String error, String outputJson) {
    }

    /** Records the job and starts it; returns the job id. */
    public String kickOff(Request request) {
        for (String type : request.types()) {
            if (!catalog.isResourceType(type)) {
                throw FhirError.badRequest("VNEMR-1004", type);
            }
        }
        if ("group".equals(request.level())) {
            store.read("Group", request.groupId()).filter(r -> !r.deleted())
                    .orElseThrow(() -> FhirError.notFound("VNEMR-1001", "Group", request.groupId()));
        }
        String id = UUID.randomUUID().toString();
        Instant transactionTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(SQL_INSERT_JOB);
            ps.setString(1, id);
            ps.setString(2, request.requestUrl());
            ps.setString(3, request.level());
            ps.setString(4, request.groupId());
            ps.setArray(5, request.types().isEmpty() ? null : con.createArrayOf("text", request.types().toArray()));
            ps.setTimestamp(6, request.since() == null ? null : Timestamp.from(request.since()));
            ps.setTimestamp(7, Timestamp.from(transactionTime));
            return ps;
        });
        worker.submit(() -> run(id));
        return id;
    }

    public Optional<Job> job(String id) {
        if (!JOB_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.query(SQL_SELECT_JOB, (rs, n) -> job(rs), id).stream().findFirst();
    }

    /** Cancels a job and deletes its files. */
    public boolean cancel(String id) {
        if (job(id).isEmpty()) {
            return false;
        }
        jdbc.update(SQL_CANCEL, id);
        deleteFiles(id);
        return true;
    }

    /** The path of one output file, if the job completed and has it. */
    public Optional<Path> file(String id, String name) {
        if (!JOB_ID.matcher(id).matches() || !FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(id).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private void run(String id) {
        Job job = job(id).orElseThrow();
        try {
            update(id, "running", "0 resources", null, null);
            Path out = Files.createDirectories(directory.resolve(id));
            List<String> types = job.types().isEmpty() ? defaultTypes(job.level()) : job.types();
            List<String> patientRefs = "group".equals(job.level()) ? groupMembers(job.groupId()) : null;
            ArrayNode output = FhirJson.MAPPER.createArrayNode();
            long total = 0;
            for (String type : types) {
                if (job(id).map(j -> j.status().equals("cancelled")).orElse(true)) {
                    return;
                }
                long count = exportType(job, type, patientRefs, out.resolve(type + ".ndjson"));
                if (count > 0) {
                    ObjectNode item = output.addObject();
                    item.put("type", type);
                    item.put("file", type + ".ndjson");
                    item.put("count", count);
                } else {
                    Files.deleteIfExists(out.resolve(type + ".ndjson"));
                }
                total += count;
                update(id, "running", total + " resources", null, null);
            }
            update(id, "completed", total + " resources", null, FhirJson.write(output));
        } catch (RuntimeException | IOException e) {
            LOG.error("Bulk export {} failed", id, e);
            update(id, "failed", null, e.getMessage(), null);
        }
    }

    private void update(String id, String status, String progress, String error, String output) {
        jdbc.update(SQL_UPDATE_STATUS, status, progress, error, output, status, id);
    }

    /** System level: every type; Patient and Group level: the types of the Patient compartment. */
    private List<String> defaultTypes(String level) {
        if ("system".equals(level)) {
            return new ArrayList<>(catalog.resourceTypes());
        }
        List<String> types = new ArrayList<>();
        for (String type : catalog.resourceTypes()) {
            if (type.equals("Patient") || !compartmentColumns(type).isEmpty()) {
                types.add(type);
            }
        }
        return types;
    }

    /** Reference columns whose parameters make a resource a member of the Patient compartment. */
    private List<String> compartmentColumns(String type) {
        FhirContext ctx = catalog.fhirContext();
        List<String> columns = new ArrayList<>();
        for (RuntimeSearchParam hapi : ctx.getResourceDefinition(type).getSearchParams()) {
            if (hapi.getProvidesMembershipInCompartments() != null
                    && hapi.getProvidesMembershipInCompartments().contains("Patient")) {
                catalog.param(type, hapi.getName()).filter(p -> p.type() == org.vnemr.fhir.schema.SearchParamType.REFERENCE)
                        .map(SearchParam::column).ifPresent(c -> {
                            if (!columns.contains(c)) {
                                columns.add(c);
                            }
                        });
            }
        }
        return columns;
    }

    private List<String> groupMembers(String groupId) {
        String json = store.read("Group", groupId).orElseThrow().json();
        List<String> members = new ArrayList<>();
        for (References.Site site : References.collect(FhirJson.parseResource(json))) {
            if (site.path().startsWith("Group.member") && site.reference().startsWith("Patient/")) {
                String[] typeAndId = site.typeAndId();
                if (typeAndId != null) {
                    members.add("Patient/" + typeAndId[1]);
                }
            }
        }
        return members;
    }

    private long exportType(Job job, String type, List<String> patientRefs, Path file) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT content FROM " + Tables.current(type)
                + " WHERE NOT deleted AND last_updated <= ?");
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(job.transactionTime()));
        if (job.since() != null) {
            sql.append(" AND last_updated >= ?");
            args.add(Timestamp.from(job.since()));
        }
        if (!"system".equals(job.level())) {
            if (type.equals("Patient")) {
                if (patientRefs != null) {
                    sql.append(" AND ('Patient/' || id) = ANY (?)");
                    args.add(patientRefs.toArray(String[]::new));
                }
            } else {
                List<String> columns = compartmentColumns(type);
                if (columns.isEmpty()) {
                    return 0;
                }
                List<String> conditions = new ArrayList<>();
                for (String column : columns) {
                    conditions.add(patientRefs != null ? column + " && ?::text[]"
                            : "EXISTS (SELECT 1 FROM unnest(" + column + ") r WHERE r LIKE 'Patient/%')");
                    if (patientRefs != null) {
                        args.add(patientRefs.toArray(String[]::new));
                    }
                }
                sql.append(" AND (").append(String.join(" OR ", conditions)).append(')');
            }
        }
        sql.append(" ORDER BY id");
        long[] count = {0};
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            readOnly.executeWithoutResult(status -> jdbc.query(con -> {
                PreparedStatement ps = con.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                ps.setFetchSize(1000);
                for (int i = 0; i < args.size(); i++) {
                    Object arg = args.get(i);
                    if (arg instanceof String[] array) {
                        ps.setArray(i + 1, con.createArrayOf("text", array));
                    } else {
                        ps.setObject(i + 1, arg);
                    }
                }
                return ps;
            }, rs -> {
                try {
                    writer.write(rs.getString(1));
                    writer.write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return count[0];
    }

    private void deleteFiles(String id) {
        Path dir = directory.resolve(id);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("Cannot delete export files of {}: {}", id, e.getMessage());
        }
    }

    private static Job job(ResultSet rs) throws java.sql.SQLException {
        java.sql.Array types = rs.getArray(6);
        Timestamp since = rs.getTimestamp(7);
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                types == null ? List.of() : List.of((String[]) types.getArray()),
                since == null ? null : since.toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9),
                rs.getString(10), rs.getString(11));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

}
