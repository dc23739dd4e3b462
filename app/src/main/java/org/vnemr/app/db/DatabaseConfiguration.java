package org.vnemr.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.fhir.db.EmbeddedPostgres;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The database: an external PostgreSQL when {@code VNEMR_DB_URL} (with {@code VNEMR_DB_USER},
 * {@code VNEMR_DB_PASSWORD}) is set — how production runs — otherwise a real PostgreSQL 17 started from the
 * bundled binaries with its data under {@code $VNEMR_HOME/postgres} ({@code ./data} by default), kept
 * across restarts.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public DataSource dataSource(Environment env) {
        String url = env.getProperty("VNEMR_DB_URL", env.getProperty("vnemr.db.url"));
        HikariConfig config = new HikariConfig();
        config.setPoolName("vnemr");
        config.setMaximumPoolSize(env.getProperty("vnemr.db.pool-size", Integer.class, 16));
        if (url != null && !url.isBlank()) {
            LOG.info("Using the external PostgreSQL at {}", url.replaceAll("password=[^&]*", "password=***"));
            config.setJdbcUrl(withBatchRewrite(url));
            config.setUsername(env.getProperty("VNEMR_DB_USER", env.getProperty("vnemr.db.user", "vnemr")));
            config.setPassword(env.getProperty("VNEMR_DB_PASSWORD", env.getProperty("vnemr.db.password", "")));
            return new HikariDataSource(config);
        }
        Path home = Path.of(env.getProperty("vnemr.home", env.getProperty("VNEMR_HOME", "data")));
        int port = env.getProperty("vnemr.db.embedded-port", Integer.class, 0);
        // the server starts on its own thread while the rest of the application builds; the first
        // connection request waits for it
        java.util.concurrent.CompletableFuture<EmbeddedDataSource> started =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"), port);
                    postgres.createDatabaseIfMissing("vnemr");
                    config.setJdbcUrl(withBatchRewrite(postgres.jdbcUrl("vnemr")));
                    config.setUsername(postgres.user());
                    config.setPassword(postgres.password());
                    return new EmbeddedDataSource(config, postgres);
                }, work -> new Thread(work, "embedded-postgres-start").start());
        return new StartingDataSource(started);
    }

    private static String withBatchRewrite(String url) {
        return url.contains("reWriteBatchedInserts") ? url
                : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** A data source whose embedded server is still starting: every call waits for it, then delegates. */
    public static final class StartingDataSource extends org.springframework.jdbc.datasource.DelegatingDataSource
            implements AutoCloseable {

        private final java.util.concurrent.CompletableFuture<EmbeddedDataSource> started;

        StartingDataSource(java.util.concurrent.CompletableFuture<EmbeddedDataSource> started) {
            this.started = started;
        }

        @Override
        public DataSource getTargetDataSource() {
            try {
                return started.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        protected DataSource obtainTargetDataSource() {
            return getTargetDataSource();
        }

        @Override
        public void afterPropertiesSet() {
            // the target arrives later
        }

        /** The pool and JDBC URL, for the benchmark's database-size figure. */
        public com.zaxxer.hikari.HikariDataSource pool() {
            return started.join();
        }

        @Override
        public void close() {
            started.thenAccept(EmbeddedDataSource::close).join();
        }
    }

    /** The pool that also stops the embedded server when the application closes. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final transient EmbeddedPostgres postgres;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgres postgres) {
            super(config);
            this.postgres = postgres;
        }

        @Override
        public void close() {
            super.close();
            postgres.close();
        }
    }
}
