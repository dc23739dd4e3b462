package org.vnemr.platform.account;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The only SQL of the {@code user_account} table. */
public final class AccountStore {

    private static final String COLUMNS = "username, practitioner_id, display_name, roles, department_ids, "
            + "password_hash, password_changed, must_change_password, totp_secret, failed_attempts, locked_until, "
            + "last_login, disabled, disabled_reason, created";
    private static final String SQL_SELECT_ACCOUNT = "SELECT " + COLUMNS + " FROM user_account WHERE username = ?";
    private static final String SQL_INSERT_ACCOUNT = """
            INSERT INTO user_account (username, practitioner_id, display_name, roles, department_ids, password_hash,
                                 must_change_password, created)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SQL_COUNT_ACCOUNTS = "SELECT count(*) FROM user_account";
    private static final String SQL_UPDATE_FAILURE = """
            UPDATE user_account SET failed_attempts = failed_attempts + 1,
                   locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
            WHERE username = ? RETURNING failed_attempts""";
    private static final String SQL_UPDATE_SUCCESS =
            "UPDATE user_account SET failed_attempts = 0, locked_until = NULL, last_login = ? WHERE username = ?";
    private static final String SQL_UPDATE_DISABLED =
            "UPDATE user_account SET disabled = true, disabled_reason = ? WHERE username = ?";
    private static final String SQL_UPDATE_PASSWORD = """
            UPDATE user_account SET password_hash = ?, password_changed = ?, must_change_password = false
            WHERE username = ?""";
    private static final String SQL_UPDATE_TOTP = "UPDATE user_account SET totp_secret = ? WHERE username = ?";

    private static final String SQL_SELECT_ALL = "SELECT " + COLUMNS + " FROM user_account ORDER BY username LIMIT ?";
    private static final String SQL_RESET_PASSWORD = """
            UPDATE user_account SET password_hash = ?, password_changed = ?, must_change_password = true,
                   failed_attempts = 0, locked_until = NULL WHERE username = ?""";
    private static final String SQL_UNLOCK = """
            UPDATE user_account SET failed_attempts = 0, locked_until = NULL, disabled = false, disabled_reason = NULL,
                   last_login = ? WHERE username = ?""";

    private final JdbcTemplate jdbc;

    public AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String username) {
        return jdbc.query(SQL_SELECT_ACCOUNT, (rs, n) -> map(rs), username).stream().findFirst();
    }

    public long count() {
        Long n = jdbc.queryForObject(SQL_COUNT_ACCOUNTS, Long.class);
        return n == null ? 0 : n;
    }

    public void insert(String username, String practitionerId, String displayName, List<String> roles,
                       List<String> departments, String passwordHash, boolean mustChange, Instant created) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(SQL_INSERT_ACCOUNT);
            ps.setString(1, username);
            ps.setString(2, practitionerId);
            ps.setString(3, displayName);
            ps.setArray(4, connection.createArrayOf("text", roles.toArray()));
            ps.setArray(5, connection.createArrayOf("text", departments.toArray()));
            ps.setString(6, passwordHash);
            ps.setBoolean(7, mustChange);
            ps.setObject(8, utc(created));
            return ps;
        });
    }

    /** Counts a failure; locks the account until {@code lockUntil} when it reaches {@code maxFailures}. */
    public int recordFailure(String username, int maxFailures, Instant lockUntil) {
        List<Integer> n = jdbc.query(SQL_UPDATE_FAILURE, (rs, i) -> rs.getInt(1), maxFailures, utc(lockUntil),
                username);
        return n.isEmpty() ? 0 : n.get(0);
    }

    public void recordSuccess(String username, Instant at) {
        jdbc.update(SQL_UPDATE_SUCCESS, utc(at), username);
    }

    public void disable(String username, String reason) {
        jdbc.update(SQL_UPDATE_DISABLED, reason, username);
    }

    public void changePassword(String username, String hash, Instant at) {
        jdbc.update(SQL_UPDATE_PASSWORD, hash, utc(at), username);
    }

    /** Every account, by user name (at most {@code limit}). */
    public List<Account> list(int limit) {
        return jdbc.query(SQL_SELECT_ALL, (rs, n) -> map(rs), limit);
    }

    /** A one-time password set by an administrator: to be changed at the next login; the lockout is cleared. */
    public void resetPassword(String username, String hash, Instant at) {
        jdbc.update(SQL_RESET_PASSWORD, hash, utc(at), username);
    }

    /**
     * Lifts a lockout or a disablement. Counts as use, so the 45-day inactivity rule starts again from now (it would
     * otherwise disable the account again at its next login).
     */
    public boolean unlock(String username, Instant at) {
        return jdbc.update(SQL_UNLOCK, utc(at), username) == 1;
    }

    public void setTotpSecret(String username, String sealedSecret) {
        jdbc.update(SQL_UPDATE_TOTP, sealedSecret, username);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static List<String> list(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Account map(ResultSet rs) throws SQLException {
        return new Account(rs.getString("username"), rs.getString("practitioner_id"), rs.getString("display_name"),
                list(rs, "roles"), list(rs, "department_ids"), rs.getString("password_hash"),
                instant(rs, "password_changed"), rs.getBoolean("must_change_password"), rs.getString("totp_secret"),
                rs.getInt("failed_attempts"), instant(rs, "locked_until"), instant(rs, "last_login"),
                rs.getBoolean("disabled"), rs.getString("disabled_reason"), instant(rs, "created"));
    }
}
