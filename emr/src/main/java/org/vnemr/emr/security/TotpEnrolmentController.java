package org.vnemr.emr.security;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.emr.web.RequiresInterceptor.AccessRefused;
import org.vnemr.emr.web.SessionGuard;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.account.AccountService;
import org.vnemr.platform.account.Totp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Đăng ký xác thực hai lớp: the page an administrator reaches at first login (the login answered
 * {@code TOTP_ENROLMENT_REQUIRED}; the password was right, so the session holds the pending user name) and anyone
 * logged in may open to turn TOTP on. It shows the {@code otpauth://} URI as a QR code (drawn here as SVG from
 * zxing's matrix, served as a {@code data:} image the CSP allows) and the secret as text; the secret lives in the
 * session until a code from the app proves the phone holds it. Then a pending administrator logs in again with
 * password and code.
 */
@Controller
public class TotpEnrolmentController {

    /** Session attribute: the user who typed the right password but must enrol TOTP before logging in. */
    public static final String PENDING_TOTP = SessionGuard.PENDING_TOTP;
    static final String SECRET = "vnemr.totpSecret";

    private final AccountService accounts;

    public TotpEnrolmentController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/xac-thuc-hai-lop")
    public String form(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        String username = who(request);
        byte[] secret = accounts.newTotpSecret();
        session.setAttribute(SECRET, secret);
        return page(model, session, username, secret, null, null);
    }

    @PostMapping("/xac-thuc-hai-lop")
    public String confirm(HttpServletRequest request, Model model, @RequestParam(defaultValue = "") String code) {
        HttpSession session = request.getSession(false);
        String username = who(request);
        byte[] secret = (byte[]) session.getAttribute(SECRET);
        if (secret == null) {
            return "redirect:/xac-thuc-hai-lop";
        }
        if (!accounts.confirmTotp(username, secret, code.strip())) {
            return page(model, session, username, secret, code, Messages.vi("VNEMR-5237"));
        }
        session.removeAttribute(SECRET);
        accounts.recordAdministration(username, "account " + username + " enrolled TOTP");
        if (session.getAttribute(PENDING_TOTP) != null) {
            session.invalidate();
            return "redirect:/dang-nhap?totp-xong";
        }
        return "redirect:/?totp-xong";
    }

    /** The logged-in user, or the one waiting to enrol; anyone else is refused. */
    private static String who(HttpServletRequest request) {
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user != null) {
            return user.username();
        }
        HttpSession session = request.getSession(false);
        Object pending = session == null ? null : session.getAttribute(PENDING_TOTP);
        if (pending instanceof String username) {
            return username;
        }
        throw new AccessRefused("VNEMR-5050", null, "/xac-thuc-hai-lop");
    }

    private String page(Model model, HttpSession session, String username, byte[] secret, String code, String error) {
        String uri = Totp.uri("vnemr", username, secret);
        model.addAttribute("qr", "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(
                svg(uri).getBytes(StandardCharsets.UTF_8)));
        model.addAttribute("secret", uri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1"));
        model.addAttribute("code", code);
        if (error != null) {
            model.addAttribute("errors", Map.of("code", error));
        }
        if (model.getAttribute("csrf") == null) {
            Object token = session.getAttribute(SessionGuard.LOGIN_CSRF);
            model.addAttribute("csrf", token);
        }
        return "security/totp";
    }

    /** The QR code as SVG: one path of unit squares, a 4-module quiet zone. */
    static String svg(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                    + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalStateException("an otpauth URI always fits a QR code", e);
        }
    }
}
