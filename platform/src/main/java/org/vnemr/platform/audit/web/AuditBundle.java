package org.vnemr.platform.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import org.vnemr.platform.audit.AuditRow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A searchset Bundle of stored AuditEvents, written from their JSON text without re-parsing it. */
final class AuditBundle {

    private AuditBundle() {
    }

    static String searchset(List<AuditRow> rows, String base, String self, String next) {
        StringBuilder json = new StringBuilder(256 + rows.size() * 1024);
        json.append("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"self\",\"url\":")
                .append(quote(self)).append('}');
        if (next != null) {
            json.append(",{\"relation\":\"next\",\"url\":").append(quote(next)).append('}');
        }
        json.append("],\"entry\":[");
        for (int i = 0; i < rows.size(); i++) {
            AuditRow row = rows.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"fullUrl\":").append(quote(base + "/AuditEvent/" + row.seq())).append(",\"resource\":")
                    .append(row.event()).append(",\"search\":{\"mode\":\"match\"}}");
        }
        return json.append("]}").toString();
    }

    static void send(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
