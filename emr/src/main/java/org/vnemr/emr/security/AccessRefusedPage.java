package org.vnemr.emr.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.emr.web.Menu;
import org.vnemr.emr.web.RequiresInterceptor.AccessRefused;
import org.vnemr.fhir.error.Messages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Trang "không có quyền": a refused screen request answers 403 with a Vietnamese page naming the reason (code and
 * text), and — when the person's role may break the glass for this patient — a link to the break-the-glass form
 * that returns to the page asked for.
 */
@ControllerAdvice
public class AccessRefusedPage {

    @ExceptionHandler(AccessRefused.class)
    public ModelAndView refused(AccessRefused refused, HttpServletRequest request, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("security/forbidden");
        page.setStatus(org.springframework.http.HttpStatus.FORBIDDEN);
        response.setHeader(org.vnemr.emr.web.RequiresInterceptor.REFUSED_HEADER, refused.code());
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user != null) {
            page.addObject("user", user);
            page.addObject("menu", Menu.of(user));
            page.addObject("csrf", user.csrfToken());
        }
        page.addObject("code", refused.code());
        page.addObject("reason", Messages.vi(refused.code()));
        if (refused.breakGlassPatient() != null) {
            page.addObject("breakGlassUrl", "/pha-kinh?patient="
                    + URLEncoder.encode(refused.breakGlassPatient(), StandardCharsets.UTF_8)
                    + "&next=" + URLEncoder.encode(refused.uri(), StandardCharsets.UTF_8));
        }
        return page;
    }
}
