package org.vnemr.emr.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.platform.audit.AuditRow;
import org.vnemr.platform.privacy.IdMasking;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One audit event as the audit screens show it: local time dd/MM/yyyy HH:mm:ss, who, role, what was done and to
 * what (identity numbers in search strings masked), purpose, outcome, address, and whether it was break-the-glass.
 */
public record AuditLine(long seq, String time, String user, String role, String action, boolean success,
                        List<String> patients, String purpose, boolean breakGlass, String address, String what) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    static AuditLine of(AuditRow row, ZoneId zone) {
        String purpose = null;
        String address = null;
        List<String> whats = new ArrayList<>();
        try {
            JsonNode event = JSON.readTree(row.event());
            JsonNode p = event.path("purposeOfEvent").path(0);
            purpose = p.path("text").asText(p.path("coding").path(0).path("code").asText(null));
            address = event.path("agent").path(0).path("network").path("address").asText(null);
            for (JsonNode entity : event.path("entity")) {
                String reference = entity.path("what").path("reference").asText("");
                if (entity.has("description")) {
                    whats.add(entity.path("description").asText());
                } else if (!reference.isEmpty() && !reference.startsWith("Patient/")) {
                    whats.add(reference);
                }
            }
        } catch (IOException e) {
            whats.add("?");
        }
        return new AuditLine(row.seq(), TIME.format(row.recorded().atZone(zone)), row.user(), row.role(),
                row.action(), "0".equals(row.outcome()), row.patients(), purpose, row.breakGlass(), address,
                IdMasking.maskIn(String.join(", ", whats)));
    }
}
