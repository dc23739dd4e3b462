package org.vnemr.fhir.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.fhir.error.FhirError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies over the configured size ({@code vnemr.fhir.max-request-bytes}, default 64 MiB)
 * with 413 and a bilingual OperationOutcome — before anything parses them, also for chunked uploads
 * that send no Content-Length.
 */
public class RequestLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ca.uhn.fhir.context.FhirContext fhirContext;

    public RequestLimitFilter(long maxBytes, ca.uhn.fhir.context.FhirContext fhirContext) {
        this.maxBytes = maxBytes;
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            reject(response, declared);
            return;
        }
        if (declared >= 0 || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // no Content-Length (chunked): read up to the limit, then hand the bytes on
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > maxBytes) {
                    reject(response, total);
                    return;
                }
                buffer.write(chunk, 0, n);
            }
        }
        chain.doFilter(new CachedBodyRequest(request, buffer.toByteArray()), response);
    }

    private void reject(HttpServletResponse response, long size) throws IOException {
        var error = FhirError.build(413, "VNEMR-1020", size, maxBytes);
        byte[] body = fhirContext.newJsonParser().encodeResourceToString(error.getOperationOutcome())
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(413);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }

}
