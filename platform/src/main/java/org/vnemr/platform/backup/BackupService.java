package org.vnemr.platform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.vnemr.platform.audit.AuditChain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Sao lưu và khôi phục: an online, consistent backup of the node's database — every table of the schema copied
 * with {@code COPY … TO STDOUT} inside one REPEATABLE READ READ ONLY transaction (one snapshot, writers never
 * blocked), each table gzip-compressed and AES-256-GCM encrypted ({@link ChunkedCipher}) with the operator's
 * {@link BackupKey}, plus {@code manifest.json}: per table its rows and the SHA-256 of its file and of its content,
 * the sequences, the schema (Flyway) fingerprint, the audit chain's last seq and hash, all authenticated with an
 * HMAC under the key. PostgreSQL's pg_dump is not used: the bundled PostgreSQL 17 has no client tools, and an
 * older pg_dump refuses a newer server.
 *
 * <p>A backup is written to {@code <dir>.partial} and renamed when complete. {@link #restore} loads a backup into
 * an empty node of the same schema in one transaction (all or nothing); {@link #verify} re-reads every file.
 */
public final class BackupService {

    public static final String MANIFEST = "manifest.json";
    private static final String FORMAT = "vnemr-backup-1";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String SQL_SELECT_TABLES =
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
    private static final String SQL_SELECT_SEQUENCES = """
            SELECT sequencename, last_value FROM pg_sequences
            WHERE schemaname = current_schema() AND last_value IS NOT NULL ORDER BY sequencename""";
    private static final String SQL_SELECT_MIGRATIONS = """
            SELECT version, checksum FROM flyway_schema_history WHERE success AND version IS NOT NULL
            ORDER BY version""";
    private static final String SQL_SELECT_AUDIT_END = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
    private static final String SQL_SET_SEQUENCE = "SELECT setval(quote_ident(?)::regclass, ?, true)";
    private static final String SQL_IS_SUPERUSER = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private final DataSource dataSource;
    private final String nodeName;
    private final Clock clock;

    /** What a backup, verification or restore did. */
    public record Report(Path directory, int tables, long rows, long bytes, Duration elapsed, long auditLastSeq,
                         String auditLastHash) {
    }

    public BackupService(DataSource dataSource, String nodeName, Clock clock) {
        this.dataSource = dataSource;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    /** Writes a new backup under {@code parent} ({@code vnemr-backup-<UTC time>}). */
    public Report backup(Path parent, BackupKey key) {
        Instant started = clock.instant();
        Path target = parent.resolve("vnemr-backup-" + STAMP.format(started));
        Path partial = parent.resolve(target.getFileName() + ".partial");
        try (Connection connection = dataSource.getConnection()) {
            Files.createDirectories(partial);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                ObjectNode manifest = JSON.createObjectNode();
                manifest.put("format", FORMAT);
                manifest.put("created", started.toString());
                manifest.put("node", nodeName);
                manifest.put("keyFingerprint", key.fingerprint());
                manifest.put("schema", schemaFingerprint(connection));
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                ArrayNode tables = manifest.putArray("tables");
                long rows = 0;
                long bytes = 0;
                for (String table : tables(connection)) {
                    ObjectNode entry = dump(copy, table, partial, key);
                    tables.add(entry);
                    rows += entry.get("rows").asLong();
                    bytes += Files.size(partial.resolve(entry.get("file").asText()));
                }
                ArrayNode sequences = manifest.putArray("sequences");
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL_SELECT_SEQUENCES)) {
                    while (rs.next()) {
                        sequences.addObject().put("name", rs.getString(1)).put("value", rs.getLong(2));
                    }
                }
                long auditSeq = 0;
                String auditHash = AuditChain.GENESIS;
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL_SELECT_AUDIT_END)) {
                    if (rs.next()) {
                        auditSeq = rs.getLong(1);
                        auditHash = rs.getString(2);
                    }
                }
                connection.commit();
                // the end of the audit chain in this snapshot: after a restore the chain must end exactly here
                manifest.put("auditLastSeq", auditSeq);
                manifest.put("auditLastHash", auditHash);
                manifest.put("mac", mac(key, manifest));
                Files.write(partial.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return new Report(target, tables.size(), rows, bytes, Duration.between(started, clock.instant()),
                        auditSeq, auditHash);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VNEMR-5081: backup failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("VNEMR-5081: backup failed: " + e.getMessage(), e);
        }
    }

    private static ObjectNode dump(CopyManager copy, String table, Path dir, BackupKey key)
            throws SQLException, IOException {
        String file = table + ".copy.gz.enc";
        MessageDigest fileSha = sha256();
        MessageDigest contentSha = sha256();
        long[] newlines = {0};
        try (OutputStream out = Files.newOutputStream(dir.resolve(file));
             DigestOutputStream hashed = new DigestOutputStream(out, fileSha);
             OutputStream encrypted = ChunkedCipher.encrypting(hashed, key.bytes(), file);
             GZIPOutputStream zipped = new GZIPOutputStream(encrypted, 65_536);
             OutputStream content = new DigestOutputStream(counting(zipped, newlines), contentSha)) {
            copy.copyOut("COPY " + quote(table) + " TO STDOUT", content);
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("table", table);
        entry.put("rows", newlines[0]);
        entry.put("file", file);
        entry.put("sha256", HexFormat.of().formatHex(fileSha.digest()));
        entry.put("contentSha256", HexFormat.of().formatHex(contentSha.digest()));
        return entry;
    }

    /** Checks the manifest's HMAC and re-reads every file: file hash, content hash and row count. */
    public Report verify(Path backup, BackupKey key) {
        Instant started = clock.instant();
        ObjectNode manifest = readManifest(backup, key);
        long rows = 0;
        long bytes = 0;
        for (JsonNode table : manifest.get("tables")) {
            Path file = fileOf(backup, table);
            checkFileHash(file, table);
            MessageDigest contentSha = sha256();
            long[] newlines = {0};
            try (InputStream in = content(file, key, table)) {
                byte[] buffer = new byte[65_536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    contentSha.update(buffer, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            newlines[0]++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("VNEMR-5082: " + file.getFileName() + ": " + e.getMessage(), e);
            }
            if (!HexFormat.of().formatHex(contentSha.digest()).equals(table.get("contentSha256").asText())
                    || newlines[0] != table.get("rows").asLong()) {
                throw new IllegalStateException("VNEMR-5082: " + file.getFileName() + " content does not match");
            }
            rows += newlines[0];
            bytes += sizeOf(file);
        }
        return new Report(backup, manifest.get("tables").size(), rows, bytes,
                Duration.between(started, clock.instant()), manifest.path("auditLastSeq").asLong(),
                manifest.path("auditLastHash").asText());
    }

    /**
     * Loads a backup into this node, which must be empty (migrated, no data) and on the same schema; in one
     * transaction, so a failure leaves the node empty.
     */
    public Report restore(Path backup, BackupKey key) {
        Instant started = clock.instant();
        ObjectNode manifest = readManifest(backup, key);
        long rows = 0;
        long bytes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!manifest.get("schema").asText().equals(schemaFingerprint(connection))) {
                    throw new IllegalStateException("VNEMR-5084: the backup's schema differs from this node's; "
                            + "restore with the vnemr version that made it");
                }
                List<String> present = tables(connection);
                for (JsonNode table : manifest.get("tables")) {
                    String name = table.get("table").asText();
                    if (!SAFE_NAME.matcher(name).matches() || !present.contains(name)) {
                        throw new IllegalStateException("VNEMR-5084: table " + name + " is not in this node's schema");
                    }
                    if (!name.equals(HISTORY_TABLE) && hasRows(connection, name)) {
                        throw new IllegalStateException("VNEMR-5083: restore needs an empty node; " + name
                                + " has data");
                    }
                }
                if (isSuperuser(connection)) {
                    try (Statement s = connection.createStatement()) {
                        // load tables in any order: no triggers, no foreign-key checks while loading (all are
                        // checked already: the data came out of a consistent database)
                        s.execute("SET LOCAL session_replication_role = replica");
                    }
                }
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (JsonNode table : manifest.get("tables")) {
                    String name = table.get("table").asText();
                    if (name.equals(HISTORY_TABLE)) {
                        continue; // this node's own migrations wrote it; the fingerprint says they are the same
                    }
                    Path file = fileOf(backup, table);
                    checkFileHash(file, table);
                    MessageDigest contentSha = sha256();
                    try (InputStream in = new DigestInputStream(content(file, key, table), contentSha)) {
                        rows += copy.copyIn("COPY " + quote(name) + " FROM STDIN", in);
                    }
                    if (!HexFormat.of().formatHex(contentSha.digest()).equals(table.get("contentSha256").asText())) {
                        throw new IllegalStateException("VNEMR-5082: " + file.getFileName() + " content does not match");
                    }
                    bytes += sizeOf(file);
                }
                try (PreparedStatement set = connection.prepareStatement(SQL_SET_SEQUENCE)) {
                    for (JsonNode sequence : manifest.get("sequences")) {
                        set.setString(1, sequence.get("name").asText());
                        set.setLong(2, sequence.get("value").asLong());
                        set.execute();
                    }
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VNEMR-5085: restore failed, nothing was changed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("VNEMR-5085: restore failed, nothing was changed: " + e.getMessage(), e);
        }
        return new Report(backup, manifest.get("tables").size(), rows, bytes,
                Duration.between(started, clock.instant()), manifest.path("auditLastSeq").asLong(),
                manifest.path("auditLastHash").asText());
    }

    /** Deletes all but the newest {@code keep} complete backups under {@code parent}; returns those deleted. */
    public static List<Path> prune(Path parent, int keep) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> backups = entries.filter(p -> p.getFileName().toString().matches("vnemr-backup-\\d{8}-\\d{6}"))
                    .filter(p -> Files.exists(p.resolve(MANIFEST)))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
            List<Path> deleted = new ArrayList<>();
            for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
                try (Stream<Path> files = Files.walk(old)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
                deleted.add(old);
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune backups in " + parent, e);
        }
    }

    private static ObjectNode readManifest(Path backup, BackupKey key) {
        ObjectNode manifest;
        try {
            manifest = (ObjectNode) JSON.readTree(Files.readAllBytes(backup.resolve(MANIFEST)));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("VNEMR-5082: no readable manifest.json in " + backup, e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalStateException("VNEMR-5082: unknown backup format in " + backup);
        }
        if (!key.fingerprint().equals(manifest.path("keyFingerprint").asText())) {
            throw new IllegalStateException("VNEMR-5080: this backup was made with another key (fingerprint "
                    + manifest.path("keyFingerprint").asText() + ", given " + key.fingerprint() + ")");
        }
        String mac = manifest.path("mac").asText();
        ObjectNode unsigned = manifest.deepCopy();
        unsigned.remove("mac");
        if (!MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                mac(key, unsigned).getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("VNEMR-5082: manifest.json has been altered");
        }
        return manifest;
    }

    private static Path fileOf(Path backup, JsonNode table) {
        String name = table.get("table").asText();
        String file = table.get("file").asText();
        if (!SAFE_NAME.matcher(name).matches() || !file.equals(name + ".copy.gz.enc")) {
            throw new IllegalStateException("VNEMR-5082: unexpected file name in the manifest: " + file);
        }
        return backup.resolve(file);
    }

    private static void checkFileHash(Path file, JsonNode table) {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("VNEMR-5082: cannot read " + file.getFileName(), e);
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(table.get("sha256").asText())) {
            throw new IllegalStateException("VNEMR-5082: " + file.getFileName() + " does not match its checksum");
        }
    }

    private static InputStream content(Path file, BackupKey key, JsonNode table) throws IOException {
        return new GZIPInputStream(ChunkedCipher.decrypting(Files.newInputStream(file), key.bytes(),
                table.get("file").asText()), 65_536);
    }

    private static String mac(BackupKey key, ObjectNode manifest) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(JSON.writeValueAsBytes(manifest)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL_SELECT_TABLES)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** SHA-256 over the applied migrations (version and checksum): equal fingerprints mean the same schema. */
    private static String schemaFingerprint(Connection connection) throws SQLException {
        MessageDigest sha = sha256();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL_SELECT_MIGRATIONS)) {
            while (rs.next()) {
                sha.update((rs.getString(1) + ":" + rs.getString(2) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean hasRows(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quote(table) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static boolean isSuperuser(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL_IS_SUPERUSER)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Table names come from pg_tables (or a manifest checked against it); quoted as identifiers. */
    private static String quote(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream counting(OutputStream out, long[] newlines) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                if (b == '\n') {
                    newlines[0]++;
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        newlines[0]++;
                    }
                }
                out.write(b, off, len);
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
