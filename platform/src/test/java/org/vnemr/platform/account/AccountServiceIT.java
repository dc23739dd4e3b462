package org.vnemr.platform.account;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.testing.TestDatabase;
import org.vnemr.platform.audit.AuditLogWriter;
import org.vnemr.platform.audit.AuditQuery;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.audit.AuditSearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.platform.account.LoginResult.Status.BAD_CREDENTIALS;
import static org.vnemr.platform.account.LoginResult.Status.DISABLED;
import static org.vnemr.platform.account.LoginResult.Status.LOCKED;
import static org.vnemr.platform.account.LoginResult.Status.MUST_CHANGE_PASSWORD;
import static org.vnemr.platform.account.LoginResult.Status.SUCCESS;
import static org.vnemr.platform.account.LoginResult.Status.TOTP_ENROLMENT_REQUIRED;
import static org.vnemr.platform.account.LoginResult.Status.TOTP_REQUIRED;

/** Logins on a real database: lockout, inactivity, TOTP rules, first administrator, and the audit of each try. */
class AccountServiceIT {

    private static final String PASSWORD = "Sông-Hồng-chảy-9";
    private static HikariDataSource db;
    private static AuditLogWriter audit;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T02:00:00Z"));
    private AccountService accounts;
    private AuditSearch search;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        audit = new AuditLogWriter(db, "test", 1_000);
    }

    @AfterAll
    static void stop() {
        audit.close();
        db.close();
    }

    @BeforeEach
    void emptyAccounts() {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.update("DELETE FROM user_account");
        accounts = new AccountService(new AccountStore(jdbc), new SecretBox(new byte[32]), audit, clock);
        search = new AuditSearch(jdbc);
    }

    private LoginResult.Status login(String user, String password, String code, boolean inside) {
        return accounts.login(user, password, code, inside, "10.1.2.3").status();
    }

    @Test
    void doctor_insideTheFacility_logsInWithPassword_andTheLoginIsAudited() {
        assertThat(accounts.create("bs.lan", "prac-1", "BS. Lan", List.of("doctor"), List.of("khoa-noi"), PASSWORD,
                false)).isEmpty();
        assertThat(login("bs.lan", PASSWORD, null, true)).isEqualTo(SUCCESS);
        assertThat(login("bs.lan", PASSWORD, null, false)).isEqualTo(TOTP_ENROLMENT_REQUIRED);
        List<AuditRow> logins = search.find(AuditQuery.forUser("bs.lan"));
        assertThat(logins).extracting(AuditRow::action).containsOnly("login");
        assertThat(logins).extracting(AuditRow::outcome).containsExactly("4", "0");
        assertThat(logins.get(1).event()).contains("Practitioner/prac-1", "10.1.2.3");
    }

    @Test
    void weakPasswords_andBadUserNames_areRefusedAtCreation() {
        assertThat(accounts.create("bs.lan", null, null, List.of("doctor"), List.of(), "ngắn-quá", false))
                .contains("VNEMR-5020");
        assertThat(accounts.create("Bác Sĩ", null, null, List.of("doctor"), List.of(), PASSWORD, false))
                .contains("VNEMR-5016");
    }

    @Test
    void fiveFailures_lockTheAccountForFifteenMinutes_evenForTheRightPassword() {
        accounts.create("dd.hoa", null, null, List.of("nurse"), List.of(), PASSWORD, false);
        for (int i = 1; i <= 4; i++) {
            assertThat(login("dd.hoa", "sai-mat-khau-" + i, null, true)).isEqualTo(BAD_CREDENTIALS);
        }
        assertThat(login("dd.hoa", "sai-mat-khau-5", null, true)).isEqualTo(LOCKED);
        assertThat(login("dd.hoa", PASSWORD, null, true)).isEqualTo(LOCKED);
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(login("dd.hoa", PASSWORD, null, true)).isEqualTo(SUCCESS);
        // a success resets the count
        assertThat(login("dd.hoa", "sai", null, true)).isEqualTo(BAD_CREDENTIALS);
        assertThat(login("dd.hoa", PASSWORD, null, true)).isEqualTo(SUCCESS);
    }

    @Test
    void anAccountUnusedFor45Days_isDisabled() {
        accounts.create("kt.minh", null, null, List.of("pharmacist"), List.of(), PASSWORD, false);
        assertThat(login("kt.minh", PASSWORD, null, true)).isEqualTo(SUCCESS);
        clock.advance(Duration.ofDays(44));
        assertThat(login("kt.minh", PASSWORD, null, true)).isEqualTo(SUCCESS);
        clock.advance(Duration.ofDays(46));
        assertThat(login("kt.minh", PASSWORD, null, true)).isEqualTo(DISABLED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login("kt.minh", PASSWORD, null, true)).isEqualTo(DISABLED);
    }

    @Test
    void unknownUsers_lookLikeWrongPasswords() {
        assertThat(login("khong.ton.tai", PASSWORD, null, true)).isEqualTo(BAD_CREDENTIALS);
        assertThat(search.find(AuditQuery.forUser("khong.ton.tai"))).hasSize(1)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo("4"));
    }

    @Test
    void firstAdministrator_mustChangePassword_thenUseTotp() {
        String oneTime = accounts.createFirstAdministrator().orElseThrow();
        assertThat(accounts.createFirstAdministrator()).isEmpty();
        assertThat(login("admin", oneTime, null, true)).isEqualTo(MUST_CHANGE_PASSWORD);
        assertThat(accounts.changePassword("admin", oneTime, "abc@123456")).contains("VNEMR-5020");
        assertThat(accounts.changePassword("admin", oneTime, "Quản-trị-viên-2026!")).isEmpty();
        assertThat(login("admin", "Quản-trị-viên-2026!", null, true)).isEqualTo(TOTP_ENROLMENT_REQUIRED);
        byte[] secret = accounts.newTotpSecret();
        assertThat(accounts.confirmTotp("admin", secret, "000000".equals(code(secret)) ? "111111" : "000000"))
                .isFalse();
        assertThat(accounts.confirmTotp("admin", secret, code(secret))).isTrue();
        assertThat(login("admin", "Quản-trị-viên-2026!", null, true)).isEqualTo(TOTP_REQUIRED);
        assertThat(login("admin", "Quản-trị-viên-2026!", "123", true)).isEqualTo(BAD_CREDENTIALS);
        assertThat(login("admin", "Quản-trị-viên-2026!", code(secret), true)).isEqualTo(SUCCESS);
        assertThat(new JdbcTemplate(db).queryForObject("SELECT totp_secret FROM user_account WHERE username = 'admin'",
                String.class)).startsWith("v1:");
        // with TOTP, 8 characters are enough
        assertThat(accounts.changePassword("admin", "Quản-trị-viên-2026!", "Mây-trắng-5")).isEmpty();
        assertThat(AccountService.idleTimeout(List.of("administrator"))).isEqualTo(Duration.ofMinutes(5));
        assertThat(AccountService.idleTimeout(List.of("doctor"))).isEqualTo(Duration.ofMinutes(15));
    }

    private String code(byte[] secret) {
        return Totp.code(secret, clock.instant(), Totp.Algorithm.SHA1, 6);
    }

    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
