package org.vnemr.platform.audit.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Passes the response through unchanged and, only when the audit needs it (a read whose patient is in the answer,
 * a transaction whose created patients are), keeps a copy of the first {@code limit} bytes. Nothing is buffered
 * in front of the client.
 */
final class ResponseTee extends HttpServletResponseWrapper {

    private final BooleanSupplier wanted;
    private final int limit;
    private ByteArrayOutputStream copy;
    private ServletOutputStream stream;
    private PrintWriter writer;

    ResponseTee(HttpServletResponse response, BooleanSupplier wanted, int limit) {
        super(response);
        this.wanted = wanted;
        this.limit = limit;
    }

    /** The kept copy as text, or null when none was kept. */
    String body() {
        if (writer != null) {
            writer.flush();
        }
        return copy == null ? null : copy.toString(StandardCharsets.UTF_8);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream out = super.getOutputStream();
            if (!wanted.getAsBoolean()) {
                stream = out;
                return out;
            }
            copy = new ByteArrayOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    if (copy.size() < limit) {
                        copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    int room = limit - copy.size();
                    if (room > 0) {
                        copy.write(b, off, Math.min(room, len));
                    }
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            if (!wanted.getAsBoolean()) {
                writer = super.getWriter();
            } else {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new java.io.OutputStreamWriter(getOutputStream(), charset));
            }
        }
        return writer;
    }
}
