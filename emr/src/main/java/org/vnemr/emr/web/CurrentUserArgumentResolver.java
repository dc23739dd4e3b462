package org.vnemr.emr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method declare {@code CurrentUser user}; {@link SessionGuard} made sure there is one. */
public final class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        HttpSession session = http == null ? null : http.getSession(false);
        Object user = session == null ? null : session.getAttribute(CurrentUser.SESSION_ATTRIBUTE);
        if (user == null) {
            // SessionGuard lets no request without a user through to a screen; reaching here is a wiring bug
            throw new IllegalStateException("no logged-in user on " + (http == null ? "?" : http.getRequestURI()));
        }
        return user;
    }

    /** The user of this request, if logged in (for code outside controllers: templates, filters). */
    public static CurrentUser of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (CurrentUser) session.getAttribute(CurrentUser.SESSION_ATTRIBUTE);
    }
}
