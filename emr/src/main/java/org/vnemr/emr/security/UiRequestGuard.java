package org.vnemr.emr.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import org.vnemr.fhir.error.Messages;

import java.io.IOException;

/**
 * Screen requests bounded and clean. Parameters holding control characters other than tab and line breaks (NUL
 * above all: PostgreSQL cannot store it, and no keyboard types it) are refused with 400. Bounded: a form or upload whose declared size is over {@code vnemr.ui.max-request-bytes} (default
 * 25 MB — a scanned document, not a disk image) is refused with 413 before anything reads it; a body sent without a
 * length (chunked) is refused too, since browsers always send one for forms. The FHIR API has its own limit.
 */
public final class UiRequestGuard extends OncePerRequestFilter {

    private final long maxBytes;

    public UiRequestGuard(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/fhir") || path.startsWith("/bulk");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked && !"GET".equals(request.getMethod())) {
            response.setStatus(413);
            response.setHeader("Connection", "close");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Dữ liệu gửi lên quá lớn (tối đa " + maxBytes / (1024 * 1024) + " MB). / "
                    + "The request is too large.");
            return;
        }
        if (request.getContentType() == null || !request.getContentType().startsWith("multipart/")) {
            for (String[] values : request.getParameterMap().values()) {
                for (String value : values) {
                    if (hasControlCharacters(value)) {
                        response.setStatus(400);
                        response.setContentType("text/plain;charset=UTF-8");
                        response.getWriter().write("VNEMR-5222: " + Messages.vi("VNEMR-5222") + " / "
                                + Messages.en("VNEMR-5222"));
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }

    static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
