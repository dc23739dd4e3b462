package org.vnemr.emr.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.platform.account.Account;
import org.vnemr.platform.account.AccountStore;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditOutcome;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.auth.oidc.OidcClient;
import org.vnemr.platform.auth.oidc.OidcException;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Đăng nhập bằng tài khoản của bệnh viện (OIDC). The provider only proves who the person is: the id_token's
 * user-name claim must name an existing, enabled vnemr account (accounts are never created here), and the session
 * then gets exactly what a password login gives. Administrators still need a second factor: unless the provider
 * asserts one ({@code amr} contains {@code mfa} or {@code otp}) they are sent to the password + TOTP form.
 * Every outcome is written to the audit trail as a LOGIN.
 */
@Controller
public class OidcLoginController {

    /** Session attribute: the state, nonce and PKCE verifier of the login in progress. */
    static final String PENDING = "vnemr.oidcPending";
    /** Session attribute: the page the person wanted before logging in. */
    static final String NEXT = "vnemr.oidcNext";

    static final String NO_ACCOUNT = "VNEMR-5248";
    static final String ACCOUNT_DISABLED = "VNEMR-5249";
    static final String ADMIN_NEEDS_TOTP = "VNEMR-5250";

    private static final Logger LOG = LoggerFactory.getLogger(OidcLoginController.class);

    private final ObjectProvider<OidcClient> oidc;
    private final AccountStore accounts;
    private final AuditTrail audit;
    private final String redirectUri;

    public OidcLoginController(ObjectProvider<OidcClient> oidc, AccountStore accounts, AuditTrail audit,
                               @Value("${vnemr.oidc.redirect-uri:}") String redirectUri) {
        this.oidc = oidc;
        this.accounts = accounts;
        this.audit = audit;
        this.redirectUri = redirectUri;
    }

    @GetMapping("/dang-nhap/oidc")
    public String start(HttpServletRequest request, Model model, @RequestParam(required = false) String next) {
        OidcClient client = oidc.getIfAvailable();
        if (client == null) {
            return "redirect:/dang-nhap";
        }
        OidcClient.Pending pending = client.newLogin(redirectUri.isBlank()
                ? baseOf(request) + "/dang-nhap/oidc/callback" : redirectUri);
        try {
            String target = client.authorizationUrl(pending).toString();
            HttpSession session = request.getSession(true);
            session.setAttribute(PENDING, pending);
            session.setAttribute(NEXT, LoginController.safeNext(next));
            return "redirect:" + target;
        } catch (OidcException e) {
            return refuse(request, model, null, e);
        }
    }

    @GetMapping("/dang-nhap/oidc/callback")
    public String callback(HttpServletRequest request, Model model, @RequestParam(required = false) String code,
                           @RequestParam(required = false) String state,
                           @RequestParam(required = false) String error) {
        OidcClient client = oidc.getIfAvailable();
        if (client == null) {
            return "redirect:/dang-nhap";
        }
        HttpSession session = request.getSession(false);
        OidcClient.Pending pending = session == null ? null : (OidcClient.Pending) session.getAttribute(PENDING);
        String next = session == null ? null : (String) session.getAttribute(NEXT);
        if (session != null) {
            // one callback per login: a replayed or second callback finds nothing
            session.removeAttribute(PENDING);
            session.removeAttribute(NEXT);
        }
        try {
            if (pending == null || state == null || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.UTF_8),
                    state.getBytes(StandardCharsets.UTF_8))) {
                throw new OidcException(OidcClient.BAD_STATE, "callback state does not match a login started here");
            }
            if (error != null) {
                throw new OidcException(OidcClient.REFUSED_BY_PROVIDER, "provider error " + error);
            }
            OidcClient.VerifiedLogin login = client.finish(pending, code);
            String username = login.username() == null ? null : login.username().strip().toLowerCase();
            Optional<Account> found = username == null || username.isEmpty() ? Optional.empty()
                    : accounts.find(username);
            if (found.isEmpty()) {
                throw new OidcException(NO_ACCOUNT, "no account for claim " + client.settings().usernameClaim()
                        + "=" + login.username() + " (sub " + login.subject() + ")");
            }
            Account account = found.get();
            if (account.disabled() || (account.lockedUntil() != null && account.lockedUntil().isAfter(Instant.now()))) {
                return refuse(request, model, account, new OidcException(ACCOUNT_DISABLED,
                        "account " + account.username() + " is disabled or locked"));
            }
            if (account.isAdministrator() && !login.multiFactor()) {
                return refuse(request, model, account, new OidcException(ADMIN_NEEDS_TOTP,
                        "administrator " + account.username() + " without a second factor asserted (amr " + login.amr() + ")"));
            }
            record(request, account.username(), account, AuditOutcome.SUCCESS, "OIDC sub " + login.subject());
            HttpSession fresh = LoginController.freshSession(request);
            fresh.setAttribute(CurrentUser.SESSION_ATTRIBUTE, LoginController.userOf(account));
            return "redirect:" + Objects.requireNonNullElse(next, "/");
        } catch (OidcException e) {
            return refuse(request, model, null, e);
        }
    }

    private String refuse(HttpServletRequest request, Model model, Account account, OidcException e) {
        LOG.info("OIDC login refused: {} {}", e.code(), e.getMessage());
        record(request, account == null ? AuditRecord.ANONYMOUS : account.username(), account,
                AuditOutcome.MINOR_FAILURE, "OIDC " + e.code() + ": " + e.getMessage());
        // nobody stays half logged in after a refusal
        HttpSession session = LoginController.freshSession(request);
        model.addAttribute("csrf", LoginController.loginToken(session));
        model.addAttribute("error", LoginController.message(e.code()));
        if (ADMIN_NEEDS_TOTP.equals(e.code()) && account != null) {
            model.addAttribute("username", account.username());
            model.addAttribute("askTotp", true);
        }
        return "login/login";
    }

    private void record(HttpServletRequest request, String user, Account account, AuditOutcome outcome,
                        String detail) {
        AuditRecord record = AuditRecord.of(user, AuditAction.LOGIN)
                .withRole(account == null ? null : String.join(",", account.roles()))
                .withPractitioner(account == null || account.practitionerId() == null ? null
                        : "Practitioner/" + account.practitionerId())
                .withOutcome(outcome, detail.length() > 500 ? detail.substring(0, 500) : detail)
                .withClientAddress(request.getRemoteAddr());
        audit.recordDurably(record, Duration.ofSeconds(10));
    }

    private static String baseOf(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                + request.getContextPath();
    }
}
