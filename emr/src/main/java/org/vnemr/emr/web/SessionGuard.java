package org.vnemr.emr.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.AccountService;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Cửa vào các màn hình: every screen needs a logged-in user, a session idle for longer than the role allows
 * (15 minutes, 5 for administrators) is closed, and every state-changing request must carry the session's
 * anti-forgery token (form field {@code _csrf} or header {@code X-CSRF-Token}, which {@code vnemr.js} adds to htmx
 * requests). The FHIR API, the token endpoint and the public signature check have their own guards.
 */
public final class SessionGuard extends OncePerRequestFilter {

    /** Session attribute: the last time the person did something (for the idle lock). */
    static final String LAST_SEEN = "vnemr.lastSeen";
    /** Session attribute: the anti-forgery token of the login form (before anyone is logged in). */
    public static final String LOGIN_CSRF = "vnemr.loginCsrf";
    /** Session attribute: a user who typed the right password but must change it first. */
    public static final String PENDING_USER = "vnemr.pendingUser";
    /** Session attribute: an account that typed the right password but must enrol TOTP first (administrators). */
    public static final String PENDING_TOTP = "vnemr.pendingTotp";

    private static final List<String> PUBLIC_PREFIXES = List.of("/dang-nhap", "/css/", "/js/", "/img/", "/fonts/",
            "/xac-minh", "/fhir/", "/fhir", "/bulk/", "/auth/", "/actuator/", "/error", "/favicon.ico");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Clock clock;

    public SessionGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isPublic(path)) {
            if (path.startsWith("/dang-nhap") && !SAFE_METHODS.contains(request.getMethod())
                    && !tokenMatches(request, sessionValue(request, LOGIN_CSRF))) {
                refuseForgery(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PENDING_USER) != null && path.startsWith("/doi-mat-khau")) {
            if (!SAFE_METHODS.contains(request.getMethod())
                    && !tokenMatches(request, sessionValue(request, LOGIN_CSRF))) {
                refuseForgery(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (session != null && session.getAttribute(PENDING_TOTP) != null && path.equals("/xac-thuc-hai-lop")) {
            if (!SAFE_METHODS.contains(request.getMethod())
                    && !tokenMatches(request, sessionValue(request, LOGIN_CSRF))) {
                refuseForgery(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        CurrentUser user = session == null ? null : (CurrentUser) session.getAttribute(CurrentUser.SESSION_ATTRIBUTE);
        if (user == null) {
            toLogin(request, response, path, false);
            return;
        }
        Instant now = clock.instant();
        Instant lastSeen = (Instant) session.getAttribute(LAST_SEEN);
        Duration idle = AccountService.idleTimeout(user.roles().stream().map(Role::code).toList());
        if (lastSeen != null && lastSeen.plus(idle).isBefore(now)) {
            session.invalidate();
            toLogin(request, response, path, true);
            return;
        }
        session.setAttribute(LAST_SEEN, now);
        if (!SAFE_METHODS.contains(request.getMethod()) && !tokenMatches(request, user.csrfToken())) {
            refuseForgery(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isPublic(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return false;
        }
        for (String prefix : PUBLIC_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String sessionValue(HttpServletRequest request, String name) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(name);
    }

    private static boolean tokenMatches(HttpServletRequest request, String expected) {
        if (expected == null) {
            return false;
        }
        String sent = request.getHeader("X-CSRF-Token");
        if (sent == null) {
            sent = request.getParameter("_csrf");
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuseForgery(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("VNEMR-6001: Yêu cầu không có mã chống giả mạo hợp lệ — hãy tải lại trang và thử lại."
                + " / The request lacks a valid anti-forgery token: reload the page and try again.");
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response, String path, boolean idle)
            throws IOException {
        String target = request.getContextPath() + "/dang-nhap" + (idle ? "?het-han" : "");
        if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null && !idle) {
            String query = request.getQueryString();
            String next = path + (query == null ? "" : "?" + query);
            target += "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        if (request.getHeader("HX-Request") != null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", target);
            return;
        }
        response.sendRedirect(target);
    }
}
