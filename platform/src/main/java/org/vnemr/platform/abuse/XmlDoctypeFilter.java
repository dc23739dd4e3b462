package org.vnemr.platform.abuse;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vnemr.fhir.error.FhirError;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * No DTD at all in XML sent to the FHIR API: a body declaring {@code <!DOCTYPE} or {@code <!ENTITY} is refused with
 * 400 before any parser sees it. FHIR XML never needs one, and refusing is stronger than the parser ignoring it (the
 * parser is hardened too — no DTD support, no external entities — but a document that tries is an attack, not data
 * to store). Runs inside the size limit (−100), so the body it reads is already bounded.
 */
public final class XmlDoctypeFilter extends OncePerRequestFilter {

    private final FhirContext fhir;

    public XmlDoctypeFilter(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).contains("xml");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        if (declaresDtd(body)) {
            var error = FhirError.build(400, "VNEMR-5221");
            response.setStatus(400);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(error.getOperationOutcome())
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** ASCII scan (also right for UTF-8); a UTF-16 document is looked at after dropping its zero bytes. */
    static boolean declaresDtd(byte[] body) {
        StringBuilder text = new StringBuilder(body.length);
        for (byte b : body) {
            if (b != 0) {
                text.append((char) (b & 0xff));
            }
        }
        String upper = text.toString().toUpperCase(Locale.ROOT);
        return upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY");
    }

    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
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
                    throw new UnsupportedOperationException("synchronous reads only");
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

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
