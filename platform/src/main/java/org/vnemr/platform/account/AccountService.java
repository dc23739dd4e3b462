package org.vnemr.platform.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditOutcome;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Đăng nhập và quản lý tài khoản: password (Argon2id) then TOTP — mandatory for administrators, for access from
 * outside the facility network and for anyone who has enrolled; 5 failures lock the account for 15 minutes; an
 * account unused for 45 days is disabled at its next attempt; a first password must be changed at first login.
 * Every attempt, successful or not, is written to the audit trail before the answer is given.
 */
public final class AccountService {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    public static final Duration INACTIVITY_LIMIT = Duration.ofDays(45);
    private static final String TOTP_PURPOSE = "account.totp:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final Clock clock;
    private final PasswordEncoder encoder;
    /** Hashed once, checked when the user does not exist, so both answers take the same time. */
    private final String dummyHash;

    public AccountService(AccountStore store, SecretBox secrets, AuditTrail audit, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        // OWASP's Argon2id minimum (19 MiB, 2 iterations, 1 lane): ~50 ms here, too slow for guessing at scale
        this.encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        this.dummyHash = encoder.encode("not-a-password-" + RANDOM.nextLong());
    }

    /** A login attempt. {@code insideFacility}: the client address is in the facility's own network. */
    public LoginResult login(String username, String password, String totpCode, boolean insideFacility,
                             String clientAddress) {
        Instant now = clock.instant();
        Optional<Account> found = username == null ? Optional.empty() : store.find(username);
        if (found.isEmpty()) {
            encoder.matches(password == null ? "" : password, dummyHash);
            return audited(LoginResult.of(LoginResult.Status.BAD_CREDENTIALS, null), username, clientAddress);
        }
        Account account = found.get();
        if (account.disabled()) {
            return audited(LoginResult.of(LoginResult.Status.DISABLED, account), username, clientAddress);
        }
        Instant lastUse = account.lastLogin() != null ? account.lastLogin() : account.created();
        if (lastUse.plus(INACTIVITY_LIMIT).isBefore(now)) {
            store.disable(username, "inactive since " + lastUse);
            return audited(LoginResult.of(LoginResult.Status.DISABLED, account), username, clientAddress);
        }
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            return audited(LoginResult.of(LoginResult.Status.LOCKED, account), username, clientAddress);
        }
        if (password == null || !encoder.matches(password, account.passwordHash())) {
            return audited(failure(account, now), username, clientAddress);
        }
        boolean totpNeeded = account.isAdministrator() || !insideFacility || account.hasTotp();
        if (totpNeeded && !account.hasTotp()) {
            // the password was right: let the person enrol a second factor (and change a first password) only
            if (account.mustChangePassword()) {
                store.recordSuccess(username, now);
                return audited(LoginResult.of(LoginResult.Status.MUST_CHANGE_PASSWORD, account), username,
                        clientAddress);
            }
            return audited(LoginResult.of(LoginResult.Status.TOTP_ENROLMENT_REQUIRED, account), username,
                    clientAddress);
        }
        if (totpNeeded) {
            if (totpCode == null || totpCode.isBlank()) {
                return audited(LoginResult.of(LoginResult.Status.TOTP_REQUIRED, account), username, clientAddress);
            }
            byte[] secret = secrets.open(account.totpSecret(), TOTP_PURPOSE + username);
            if (!Totp.verify(secret, totpCode.strip(), now)) {
                return audited(failure(account, now), username, clientAddress);
            }
        }
        store.recordSuccess(username, now);
        return audited(LoginResult.of(account.mustChangePassword() ? LoginResult.Status.MUST_CHANGE_PASSWORD
                : LoginResult.Status.SUCCESS, account), username, clientAddress);
    }

    private LoginResult failure(Account account, Instant now) {
        int failures = store.recordFailure(account.username(), MAX_FAILURES, now.plus(LOCKOUT));
        return LoginResult.of(failures >= MAX_FAILURES ? LoginResult.Status.LOCKED
                : LoginResult.Status.BAD_CREDENTIALS, account);
    }

    private LoginResult audited(LoginResult result, String username, String clientAddress) {
        boolean ok = result.status() == LoginResult.Status.SUCCESS
                || result.status() == LoginResult.Status.MUST_CHANGE_PASSWORD;
        AuditRecord record = AuditRecord.of(username, AuditAction.LOGIN)
                .withRole(result.account() == null ? null : String.join(",", result.account().roles()))
                .withPractitioner(result.account() == null || result.account().practitionerId() == null ? null
                        : "Practitioner/" + result.account().practitionerId())
                .withOutcome(ok ? AuditOutcome.SUCCESS : AuditOutcome.MINOR_FAILURE, result.status().name())
                .withClientAddress(clientAddress);
        audit.recordDurably(record, Duration.ofSeconds(10));
        return result;
    }

    /**
     * Creates an account. {@code mustChange}: the password is a one-time one handed over by an administrator.
     *
     * @return the error code of the password rule broken, or empty when created
     */
    public Optional<String> create(String username, String practitionerId, String displayName, List<String> roles,
                                   List<String> departments, String password, boolean mustChange) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            return Optional.of("VNEMR-5016");
        }
        Optional<String> broken = PasswordPolicy.check(username, password, false);
        if (broken.isPresent()) {
            return broken;
        }
        store.insert(username, practitionerId, displayName, roles, departments, encoder.encode(password), mustChange,
                clock.instant());
        return Optional.empty();
    }

    /** Changes the password after checking the current one; the length rule depends on whether TOTP is set up. */
    public Optional<String> changePassword(String username, String current, String next) {
        Account account = store.find(username).orElse(null);
        if (account == null || !encoder.matches(current, account.passwordHash())) {
            return Optional.of("VNEMR-5010");
        }
        Optional<String> broken = PasswordPolicy.check(username, next, account.hasTotp());
        if (broken.isPresent()) {
            return broken;
        }
        if (encoder.matches(next, account.passwordHash())) {
            return Optional.of("VNEMR-5025");
        }
        store.changePassword(username, encoder.encode(next), clock.instant());
        return Optional.empty();
    }

    /** Starts TOTP enrolment: a new secret (returned for the QR code), active once {@link #confirmTotp} succeeds. */
    public byte[] newTotpSecret() {
        return Totp.newSecret();
    }

    /** Activates TOTP for the account if {@code code} proves the app holds {@code secret}. */
    public boolean confirmTotp(String username, byte[] secret, String code) {
        if (!Totp.verify(secret, code, clock.instant())) {
            return false;
        }
        store.setTotpSecret(username, secrets.seal(secret, TOTP_PURPOSE + username));
        return true;
    }

    /**
     * The first start: when no account exists, creates {@code admin} with a random one-time password (to be
     * changed, and TOTP enrolled, at first login) and returns that password so it can be shown once.
     */
    public Optional<String> createFirstAdministrator() {
        if (store.count() > 0) {
            return Optional.empty();
        }
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        create("admin", null, "Quản trị hệ thống", List.of(Account.ADMINISTRATOR), List.of(), password.toString(),
                true).ifPresent(code -> {
                    throw new IllegalStateException("generated password refused: " + code);
                });
        audit.record(AuditRecord.of("system", AuditAction.ADMINISTRATION).withWhat("account admin created"));
        return Optional.of(password.toString());
    }

    /** Writes an administrator's action on accounts to the audit trail. */
    public void recordAdministration(String by, String what) {
        audit.record(AuditRecord.of(by, AuditAction.ADMINISTRATION).withWhat(what));
    }

    /** Every account (administration screen), at most 1000. */
    public java.util.List<Account> list() {
        return store.list(1_000);
    }

    public Optional<Account> find(String username) {
        return store.find(username);
    }

    /**
     * An administrator disables an account; audited (administration) with who did it.
     *
     * @return false when there is no such account
     */
    public boolean disable(String username, String reason, String by) {
        if (store.find(username).isEmpty()) {
            return false;
        }
        store.disable(username, reason);
        audit.record(AuditRecord.of(by, AuditAction.ADMINISTRATION).withWhat("account " + username + " disabled"));
        return true;
    }

    /** An administrator lifts a lockout or disablement; audited. */
    public boolean unlock(String username, String by) {
        boolean done = store.unlock(username, clock.instant());
        if (done) {
            audit.record(AuditRecord.of(by, AuditAction.ADMINISTRATION).withWhat("account " + username + " unlocked"));
        }
        return done;
    }

    /**
     * An administrator resets a password: a new random one-time password (returned, to be shown once and handed over),
     * which must be changed at the next login; audited.
     */
    public Optional<String> resetPassword(String username, String by) {
        if (store.find(username).isEmpty()) {
            return Optional.empty();
        }
        String password = oneTimePassword();
        store.resetPassword(username, encoder.encode(password), clock.instant());
        audit.record(AuditRecord.of(by, AuditAction.ADMINISTRATION).withWhat("account " + username
                + " password reset"));
        return Optional.of(password);
    }

    /** 20 characters from an alphabet without look-alikes (0/O, 1/l/I): ~115 bits, typed once. */
    public static String oneTimePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** Idle time after which a session locks: 5 minutes for administrators, 15 for everyone else. */
    public static Duration idleTimeout(List<String> roles) {
        return roles.contains(Account.ADMINISTRATOR) ? Duration.ofMinutes(5) : Duration.ofMinutes(15);
    }
}
