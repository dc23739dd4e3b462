package org.vnemr.emr.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.emr.web.SessionGuard;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.Account;
import org.vnemr.platform.account.AccountService;
import org.vnemr.platform.account.LoginResult;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.auth.oidc.OidcClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Đăng nhập, đổi mật khẩu, đăng xuất. Passwords are checked by platform's {@link AccountService} (Argon2id,
 * lockout after 5 failures, TOTP for administrators and outside the facility network). A successful login gets a
 * brand-new session (no session fixation) and a fresh anti-forgery token.
 */
@Controller
public class LoginController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountService accounts;
    private final AuditTrail audit;
    private final FacilityNetwork facilityNetwork;
    private final ObjectProvider<OidcClient> oidc;

    public LoginController(AccountService accounts, AuditTrail audit, FacilityNetwork facilityNetwork,
                           ObjectProvider<OidcClient> oidc) {
        this.accounts = accounts;
        this.audit = audit;
        this.facilityNetwork = facilityNetwork;
        this.oidc = oidc;
    }

    /** The login page offers the hospital's identity provider only when {@code vnemr.oidc.issuer} is set. */
    @ModelAttribute("oidcEnabled")
    boolean oidcEnabled() {
        return oidc.getIfAvailable() != null;
    }

    @GetMapping("/dang-nhap")
    public String form(HttpServletRequest request, Model model, @RequestParam(required = false) String next) {
        if (CurrentUserArgumentResolver.of(request) != null) {
            return "redirect:/";
        }
        model.addAttribute("csrf", loginToken(request.getSession(true)));
        model.addAttribute("next", safeNext(next));
        model.addAttribute("expired", request.getParameter("het-han") != null);
        model.addAttribute("passwordChanged", request.getParameter("doi-mat-khau-xong") != null);
        return "login/login";
    }

    @PostMapping("/dang-nhap")
    public String login(HttpServletRequest request, Model model, @RequestParam(defaultValue = "") String username,
                        @RequestParam(defaultValue = "") String password,
                        @RequestParam(required = false) String totp, @RequestParam(required = false) String next) {
        String address = request.getRemoteAddr();
        LoginResult result = accounts.login(username.strip().toLowerCase(), password, totp,
                facilityNetwork.contains(address), address);
        switch (result.status()) {
            case SUCCESS -> {
                HttpSession session = freshSession(request);
                session.setAttribute(CurrentUser.SESSION_ATTRIBUTE, userOf(result.account()));
                return "redirect:" + Objects.requireNonNullElse(safeNext(next), "/");
            }
            case TOTP_ENROLMENT_REQUIRED -> {
                // the password was right: enrol the second factor now, then log in with both
                HttpSession session = freshSession(request);
                session.setAttribute(SessionGuard.PENDING_TOTP, result.account().username());
                loginToken(session);
                return "redirect:/xac-thuc-hai-lop";
            }
            case MUST_CHANGE_PASSWORD -> {
                HttpSession session = freshSession(request);
                session.setAttribute(SessionGuard.PENDING_USER, result.account().username());
                loginToken(session);
                return "redirect:/doi-mat-khau";
            }
            default -> {
                model.addAttribute("csrf", loginToken(request.getSession(true)));
                model.addAttribute("next", safeNext(next));
                model.addAttribute("username", username);
                model.addAttribute("askTotp", result.status() == LoginResult.Status.TOTP_REQUIRED
                        || (totp != null && !totp.isBlank()));
                model.addAttribute("error", message(result.errorCode()));
                return "login/login";
            }
        }
    }

    @GetMapping("/doi-mat-khau")
    public String changeForm(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", loginToken(request.getSession(true)));
        return "login/change-password";
    }

    @PostMapping("/doi-mat-khau")
    public String change(HttpServletRequest request, Model model, @RequestParam(defaultValue = "") String current,
                         @RequestParam(defaultValue = "") String password,
                         @RequestParam(defaultValue = "") String confirm) {
        HttpSession session = request.getSession(false);
        String username = (String) session.getAttribute(SessionGuard.PENDING_USER);
        model.addAttribute("csrf", loginToken(session));
        if (!password.equals(confirm)) {
            model.addAttribute("confirmError", true);
            return "login/change-password";
        }
        Optional<String> broken = accounts.changePassword(username, current, password);
        if (broken.isPresent()) {
            model.addAttribute("error", message(broken.get()));
            return "login/change-password";
        }
        session.invalidate();
        return "redirect:/dang-nhap?doi-mat-khau-xong";
    }

    @PostMapping("/dang-xuat")
    public String logout(HttpServletRequest request, CurrentUser user) {
        audit.record(AuditRecord.of(user.username(), AuditAction.LOGOUT).withRole(user.roleCodes())
                .withPractitioner(user.practitionerReference().orElse(null))
                .withClientAddress(request.getRemoteAddr()));
        request.getSession().invalidate();
        return "redirect:/dang-nhap";
    }

    static CurrentUser userOf(Account account) {
        List<Role> roles = account.roles().stream().map(Role::ofCode).flatMap(Optional::stream).toList();
        return new CurrentUser(account.username(), account.displayName(), account.practitionerId(), roles,
                List.copyOf(account.departmentIds()), newToken());
    }

    /** Shared with {@link OidcLoginController}: a login always starts a brand-new session (no fixation). */
    static HttpSession freshSession(HttpServletRequest request) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        return request.getSession(true);
    }

    static String loginToken(HttpSession session) {
        String token = (String) session.getAttribute(SessionGuard.LOGIN_CSRF);
        if (token == null) {
            token = newToken();
            session.setAttribute(SessionGuard.LOGIN_CSRF, token);
        }
        return token;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only a path inside this site, never {@code //other.host} or {@code https://…}: no open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/dang-nhap") || next.length() > 512) {
            return null;
        }
        return next;
    }

    static String message(String code) {
        if (code == null) {
            return null;
        }
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return (english ? Messages.en(code) : Messages.vi(code)) + " (" + code + ")";
    }
}
