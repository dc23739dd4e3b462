package org.vnemr.emr.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounded screen requests: a form or upload whose declared size is over {@code vnemr.ui.max-request-bytes} (default
 * 25 MB — a scanned document, not a disk image) is refused with 413 before anything reads it; a body sent without a
 * length (chunked) is refused too, since browsers always send one for forms. The FHIR API has its own limit.
 */
public final class UiRequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public UiRequestSizeFilter(long maxBytes) {
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
        chain.doFilter(request, response);
    }
}
