package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vnemr.vncore.VnCoreUrls;

/**
 * What a VN Core profile makes mandatory beyond base R4 (the cardinalities base R4 already demands are checked by
 * the structure validator). Each missing element is one issue naming the element in Vietnamese and its FHIRPath.
 */
final class PresenceRules {

    private final String profile;
    private final Findings findings;

    PresenceRules(String profile, Findings findings) {
        this.profile = profile;
        this.findings = findings;
    }

    void check(String type, JsonNode r) {
        switch (type) {
            case "Patient" -> patient(r);
            case "Practitioner" -> {
                require(r, "identifier", "định danh người hành nghề (CCHN/GPHN hoặc CCCD)",
                        "practitioner identifier (licence or CCCD)");
                require(r, "name", "họ tên người hành nghề", "practitioner name");
            }
            case "Organization" -> require(r, "name", "tên cơ sở", "organisation name");
            case "Encounter" -> {
                require(r, "subject", "người bệnh của lượt khám", "encounter subject (patient)");
                require(r, "period", "thời gian vào/ra của lượt khám", "encounter period");
            }
            case "Condition" -> {
                if (!hasIcd10(r)) {
                    findings.error(IssueType.REQUIRED, "VNEMR-3074", "Condition.code", "Condition.code");
                }
            }
            case "Coverage" -> {
                if (!hasIdentifier(r, VnCoreUrls.SID_BHYT)) {
                    missing("Coverage.identifier", "mã thẻ BHYT (Coverage.identifier hệ …/sid/bhyt)",
                            "BHYT card number (identifier with system …/sid/bhyt)");
                }
                require(r, "period", "thời hạn sử dụng thẻ BHYT", "BHYT card validity period");
            }
            case "MedicationRequest" -> {
                if (!r.has("medicationCodeableConcept") && !r.has("medicationReference")) {
                    missing("MedicationRequest.medication[x]", "thuốc được kê", "medication");
                }
                require(r, "authoredOn", "ngày kê đơn", "date the prescription was written");
                require(r, "requester", "người kê đơn", "prescriber");
            }
            default -> {
            }
        }
    }

    private void patient(JsonNode r) {
        JsonNode names = r.path("name");
        boolean named = false;
        for (JsonNode n : names) {
            named |= n.hasNonNull("text") || n.hasNonNull("family") || n.has("given");
        }
        if (!named) {
            missing("Patient.name", "họ tên người bệnh", "patient name");
        }
        require(r, "gender", "giới tính", "gender");
        require(r, "birthDate", "ngày sinh", "birth date");
        if (!hasCccdOrReason(r)) {
            findings.error(IssueType.REQUIRED, "VNEMR-3073", "Patient.identifier");
        }
    }

    /**
     * vn-patient-force-majeure-reason as vnemr reads it: a CCCD identifier, or a CCCD identifier without value
     * carrying a data-absent-reason extension (newborn, unconscious, lost papers), or a passport (foreigners).
     */
    private static boolean hasCccdOrReason(JsonNode r) {
        for (JsonNode id : r.path("identifier")) {
            String system = id.path("system").asText();
            if (system.equals(VnCoreUrls.SID_PASSPORT) && id.hasNonNull("value")) {
                return true;
            }
            if (system.equals(VnCoreUrls.SID_CCCD)) {
                if (id.hasNonNull("value") || hasReason(id) || hasReason(id.path("_value"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasReason(JsonNode element) {
        for (JsonNode ext : element.path("extension")) {
            if (VnCoreUrls.EXT_DATA_ABSENT_REASON.equals(ext.path("url").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIdentifier(JsonNode r, String system) {
        for (JsonNode id : r.path("identifier")) {
            if (system.equals(id.path("system").asText()) && id.hasNonNull("value")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIcd10(JsonNode condition) {
        for (JsonNode c : condition.path("code").path("coding")) {
            String system = c.path("system").asText();
            if ((system.equals(VnCoreUrls.CS_ICD10) || system.equals(VnCoreUrls.ICD10_WHO)
                    || system.equals("http://hl7.org/fhir/sid/icd-10-vn")) && c.hasNonNull("code")) {
                return true;
            }
        }
        return false;
    }

    private void require(JsonNode r, String element, String vi, String en) {
        JsonNode value = r.get(element);
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())
                || (value.isTextual() && value.asText().isBlank())) {
            missing(r.path("resourceType").asText() + "." + element, vi, en);
        }
    }

    private void missing(String path, String vi, String en) {
        findings.error(IssueType.REQUIRED, "VNEMR-3070", path, new Object[]{vi, path, profile},
                new Object[]{en, path, profile});
    }
}
