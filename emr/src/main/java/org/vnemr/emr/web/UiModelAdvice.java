package org.vnemr.emr.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/**
 * What every screen's layout needs: the logged-in user, their menu and the anti-forgery token (rendered into a
 * meta tag for htmx and a hidden field for plain forms).
 */
@ControllerAdvice
public class UiModelAdvice {

    @ModelAttribute
    public void common(HttpServletRequest request, Model model) {
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user != null) {
            model.addAttribute("user", user);
            model.addAttribute("menu", Menu.of(user));
            model.addAttribute("csrf", user.csrfToken());
        }
    }
}
