package org.vnemr.fhir.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.vnemr.fhir.db.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL databases for integration tests. By default one embedded PostgreSQL 17 per test JVM
 * (in {@code target/test-pg}); with {@code -Dvnemr.test.db.url=jdbc:postgresql://host:port/postgres} (plus
 * {@code .user} and {@code .password}) an external server instead, e.g. Debian's in CI. The migrations run
 * once into a template database; {@link #fresh()} clones it, so each test class starts from an empty store.
 * The databases of a test JVM are dropped when it ends.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PREFIX = "vnemr_test_" + ProcessHandle.current().pid() + "_";
    private static final List<String> CREATED = new ArrayList<>();
    private static String baseUrl;
    private static String user;
    private static String password;
    private static String template;

    private TestDatabase() {
    }

    /** A new, migrated, empty database as a pool (the caller closes it). */
    public static synchronized HikariDataSource fresh() {
        return pool(urlOf(create()));
    }

    /** JDBC URL, user and password of a new, migrated, empty database, for tests that start a server process. */
    public static synchronized String[] freshConnection() {
        return new String[] {urlOf(create()), user, password};
    }

    private static String create() {
        ensureTemplate();
        String name = PREFIX + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
        CREATED.add(name);
        return name;
    }

    private static void ensureTemplate() {
        if (template != null) {
            return;
        }
        String external = System.getProperty("vnemr.test.db.url");
        if (external != null) {
            baseUrl = external;
            user = System.getProperty("vnemr.test.db.user", "postgres");
            password = System.getProperty("vnemr.test.db.password", "");
        } else {
            EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of("target", "test-pg").toAbsolutePath(), 0);
            baseUrl = pg.jdbcUrl("postgres");
            user = pg.user();
            password = pg.password();
        }
        String name = PREFIX + "template";
        admin("CREATE DATABASE " + name);
        CREATED.add(name);
        try (HikariDataSource ds = pool(urlOf(name))) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        }
        template = name;
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "test-database-cleanup"));
    }

    /** Best effort: a database still in use by a server the test left running stays behind. */
    private static synchronized void dropAll() {
        for (String name : CREATED) {
            try {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException e) {
                // the server may already be stopping; the next run's cluster is new or cleaned by mvn clean
            }
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String urlOf(String database) {
        int slash = baseUrl.lastIndexOf('/');
        int query = baseUrl.indexOf('?', slash);
        return baseUrl.substring(0, slash + 1) + database + (query > 0 ? baseUrl.substring(query) : "");
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
