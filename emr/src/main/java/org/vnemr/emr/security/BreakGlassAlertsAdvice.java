package org.vnemr.emr.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.CurrentUserArgumentResolver;
import org.vnemr.platform.access.BreakGlassGrants;
import org.vnemr.platform.access.Role;

/**
 * Puts the open break-the-glass alerts of a department head's departments on their home page
 * ({@code breakGlassAlerts}); nothing for anyone else or on other pages.
 */
@ControllerAdvice
public class BreakGlassAlertsAdvice {

    private final BreakGlassGrants grants;

    public BreakGlassAlertsAdvice(BreakGlassGrants grants) {
        this.grants = grants;
    }

    @ModelAttribute
    public void alerts(HttpServletRequest request, Model model) {
        CurrentUser user = CurrentUserArgumentResolver.of(request);
        if (user != null && user.has(Role.DEPARTMENT_HEAD) && "GET".equals(request.getMethod())
                && "/".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            model.addAttribute("breakGlassAlerts", grants.openAlerts(user.departmentIds()));
        }
    }
}
