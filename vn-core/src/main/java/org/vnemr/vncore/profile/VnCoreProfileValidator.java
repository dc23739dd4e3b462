package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vnemr.fhir.validation.ProfileValidator;
import org.vnemr.fhir.validation.ValidationContext;
import org.vnemr.terminology.icd.DiagnosisRules;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.Ward;
import org.vnemr.vncore.codes.VnCoreCodeSystems;
import org.vnemr.vncore.identity.BhytCard;
import org.vnemr.vncore.identity.Cccd;
import org.vnemr.vncore.identity.FacilityCode;
import org.vnemr.vncore.identity.ParseResult;
import org.vnemr.vncore.identity.Passport;
import org.vnemr.vncore.identity.PractisingLicence;
import org.vnemr.vncore.identity.Problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VN Core rules checked on every write, fast (no FHIRPath, no HAPI parse: a walk over the JSON). Two kinds:
 * <ul>
 *   <li><b>value rules</b>, on every resource whatever it claims: an identifier in a VN Core system must be a valid
 *       value of it (CCCD, BHYT card in one of its three forms, passport, CCHN/GPHN, mã CSKCB, CMND); the province
 *       and ward extensions of an address must be 2025 codes and the ward must lie in the province; ethnicity and
 *       religion codes must exist; a Condition coded in ICD-10 must pass {@link DiagnosisRules} for its patient's
 *       sex and age (the patient is looked up in the same transaction or the store);</li>
 *   <li><b>presence rules</b> (what the profile makes mandatory), only when the resource claims the VN Core profile in
 *       {@code meta.profile}, or for every resource of a profiled type when {@code vnemr.vncore.require-profile} is
 *       true: data from other systems that do not claim VN Core is stored as sent.</li>
 * </ul>
 * Which constraints of the IG are enforced, and which not yet, is listed in {@code docs/architecture/vn-core.md};
 * the same constraints are written down as StructureDefinitions in {@code vnemr/vncore/profiles/}.
 */
public final class VnCoreProfileValidator implements ProfileValidator {

    /** The profile each resource type may claim, by type. */
    static final Map<String, String> PROFILES = Map.of(
            "Patient", VnCoreUrls.SD + "vn-core-patient",
            "Practitioner", VnCoreUrls.SD + "vn-core-practitioner",
            "Organization", VnCoreUrls.SD + "vn-core-organization",
            "Encounter", VnCoreUrls.SD + "vn-core-encounter",
            "Condition", VnCoreUrls.SD + "vn-core-condition",
            "Coverage", VnCoreUrls.SD + "vn-core-coverage",
            "MedicationRequest", VnCoreUrls.SD + "vn-core-medication-request");
    /** Profiles derived from those above, which also switch the presence rules on. */
    private static final Set<String> DERIVED = Set.of(VnCoreUrls.SD + "vn-core-condition-diagnosis");
    private static final Set<String> ICD10_SYSTEMS = Set.of(VnCoreUrls.CS_ICD10, VnCoreUrls.ICD10_WHO,
            "http://hl7.org/fhir/sid/icd-10-vn");
    private static final Set<String> ADDRESS_HOLDERS = Set.of("Patient", "Practitioner", "Organization",
            "RelatedPerson", "Location");

    private final AdministrativeUnits units;
    private final VnCoreCodeSystems codes;
    private final DiagnosisRules diagnosisRules;
    private final boolean requireProfile;

    /**
     * @param diagnosisRules null when no ICD-10 rules are installed; ICD-10 codes are then not checked
     * @param requireProfile apply the presence rules to every resource of a profiled type
     */
    public VnCoreProfileValidator(AdministrativeUnits units, VnCoreCodeSystems codes, DiagnosisRules diagnosisRules,
                                  boolean requireProfile) {
        this.units = units;
        this.codes = codes;
        this.diagnosisRules = diagnosisRules;
        this.requireProfile = requireProfile;
    }

    @Override
    public List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource,
                                                                          ValidationContext context) {
        String type = resource.path("resourceType").asText();
        Findings findings = new Findings();
        identifiers(type, resource, findings);
        if (ADDRESS_HOLDERS.contains(type)) {
            addresses(type, resource, findings, claims(type, resource));
        }
        switch (type) {
            case "Patient" -> patient(resource, findings);
            case "Condition" -> condition(resource, context, findings);
            case "Coverage" -> coverage(resource, findings);
            default -> {
            }
        }
        if (claims(type, resource)) {
            new PresenceRules(PROFILES.get(type), findings).check(type, resource);
        }
        return findings.list();
    }

    /** Whether the presence rules apply: the resource claims the type's VN Core profile, or they are required. */
    boolean claims(String type, JsonNode resource) {
        String profile = PROFILES.get(type);
        if (profile == null) {
            return false;
        }
        if (requireProfile) {
            return true;
        }
        for (JsonNode p : resource.path("meta").path("profile")) {
            String url = p.asText();
            int bar = url.indexOf('|');
            String bare = bar < 0 ? url : url.substring(0, bar);
            if (bare.equals(profile) || DERIVED.contains(bare)) {
                return true;
            }
        }
        return false;
    }

    // ---- value rules

    private void identifiers(String type, JsonNode resource, Findings findings) {
        JsonNode list = resource.path("identifier");
        if (list.isObject()) {
            identifier(type + ".identifier", list, findings); // 0..1 in some types (Encounter has *, Bundle 0..1)
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            identifier(type + ".identifier[" + i + "]", list.get(i), findings);
        }
    }

    void identifier(String path, JsonNode identifier, Findings findings) {
        String system = identifier.path("system").asText("");
        JsonNode valueNode = identifier.get("value");
        if (valueNode == null || !valueNode.isTextual()) {
            return; // absent value (e.g. data-absent-reason): the presence rules judge that
        }
        String value = valueNode.asText();
        String at = path + ".value";
        switch (system) {
            case VnCoreUrls.SID_CCCD -> report(findings, "VNEMR-3060", at, Cccd.parse(value, units));
            case VnCoreUrls.SID_BHYT -> report(findings, "VNEMR-3061", at, BhytCard.parse(value, units));
            case VnCoreUrls.SID_PASSPORT -> report(findings, "VNEMR-3062", at, Passport.parse(value));
            case VnCoreUrls.SID_CCHN -> report(findings, "VNEMR-3063", at, PractisingLicence.parse(value));
            case VnCoreUrls.SID_MA_CSKCB -> report(findings, "VNEMR-3064", at, FacilityCode.parse(value, units));
            case VnCoreUrls.SID_CMND -> {
                String digits = value.replaceAll("[\\s.\\-]", "");
                if (!digits.matches("\\d{9}|\\d{12}")) {
                    findings.error(IssueType.VALUE, "VNEMR-3075", at, at, value);
                }
            }
            default -> {
            }
        }
    }

    private static void report(Findings findings, String wrapper, String path, ParseResult<?> result) {
        for (Problem p : result.problems()) {
            findings.problem(wrapper, path, p);
        }
    }

    private void addresses(String type, JsonNode resource, Findings findings, boolean claimed) {
        JsonNode list = resource.path("address");
        if (list.isObject()) {
            address(type + ".address", list, findings, claimed);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            address(type + ".address[" + i + "]", list.get(i), findings, claimed);
        }
    }

    void address(String path, JsonNode address, Findings findings, boolean claimed) {
        String provinceCode = null;
        String wardCode = null;
        String wardPath = null;
        JsonNode extensions = address.path("extension");
        for (int i = 0; i < extensions.size(); i++) {
            JsonNode ext = extensions.get(i);
            String url = ext.path("url").asText();
            String at = path + ".extension[" + i + "].valueCoding.code";
            if (url.equals(VnCoreUrls.EXT_PROVINCE)) {
                provinceCode = codingCode(ext);
                if (provinceCode != null && units.province(provinceCode).isEmpty()) {
                    findings.problem("VNEMR-3065", at, Problem.error("VNEMR-3050", provinceCode));
                    provinceCode = null;
                }
            } else if (url.equals(VnCoreUrls.EXT_WARD)) {
                wardCode = codingCode(ext);
                wardPath = at;
                if (wardCode != null && units.ward(wardCode).isEmpty()) {
                    findings.problem("VNEMR-3066", at, Problem.error("VNEMR-3051", wardCode));
                    wardCode = null;
                }
            }
        }
        if (wardCode != null && provinceCode != null) {
            Ward ward = units.ward(wardCode).orElseThrow();
            if (!ward.provinceCode().equals(provinceCode)) {
                findings.problem("VNEMR-3066", wardPath, Problem.error("VNEMR-3052", ward.fullName(), ward.code(),
                        units.province(provinceCode).map(p -> p.fullName() + " (" + p.code() + ")")
                                .orElse(provinceCode)));
            }
        }
        if (claimed && provinceCode == null && isVietnam(address.path("country").asText(""))
                && !hasExtension(address, VnCoreUrls.EXT_PROVINCE)) {
            findings.error(IssueType.REQUIRED, "VNEMR-3071", path, path);
        }
    }

    private static boolean isVietnam(String country) {
        String folded = org.vnemr.fhir.text.VietnameseText.fold(country);
        return folded.equals("vn") || folded.equals("vnm") || folded.equals("viet nam") || folded.equals("vietnam");
    }

    private static boolean hasExtension(JsonNode element, String url) {
        for (JsonNode ext : element.path("extension")) {
            if (url.equals(ext.path("url").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The code of an extension's Coding (or CodeableConcept's first coding, or code). */
    private static String codingCode(JsonNode ext) {
        JsonNode coding = ext.has("valueCoding") ? ext.get("valueCoding")
                : ext.path("valueCodeableConcept").path("coding").path(0);
        if (coding.has("code")) {
            return coding.get("code").asText();
        }
        return ext.has("valueCode") ? ext.get("valueCode").asText() : null;
    }

    private void patient(JsonNode patient, Findings findings) {
        JsonNode extensions = patient.path("extension");
        for (int i = 0; i < extensions.size(); i++) {
            JsonNode ext = extensions.get(i);
            String url = ext.path("url").asText();
            if (url.equals(VnCoreUrls.EXT_ETHNICITY)) {
                codedValue("Patient.extension[" + i + "]", ext, VnCoreUrls.CS_ETHNICITY, "VNEMR-3067", findings);
            } else if (url.equals(VnCoreUrls.EXT_RELIGION)) {
                codedValue("Patient.extension[" + i + "]", ext, VnCoreUrls.CS_RELIGION, "VNEMR-3068", findings);
            }
        }
        // the CCCD's birth year and sex against the record: warnings only (dropped by the write path, shown by $validate)
        JsonNode ids = patient.path("identifier");
        LocalDate birthDate = date(patient.path("birthDate").asText(null));
        String gender = patient.path("gender").asText(null);
        for (int i = 0; i < ids.size(); i++) {
            if (VnCoreUrls.SID_CCCD.equals(ids.get(i).path("system").asText())) {
                Cccd cccd = Cccd.parse(ids.get(i).path("value").asText(""), units).value();
                if (cccd != null) {
                    for (Problem p : cccd.checkAgainst(birthDate, gender)) {
                        findings.problem("VNEMR-3072", "Patient.identifier[" + i + "].value", p);
                    }
                }
            }
        }
    }

    /** A CodeableConcept (or Coding) extension whose codings in {@code system} must exist in that list. */
    private void codedValue(String path, JsonNode ext, String system, String code, Findings findings) {
        if (ext.has("valueCoding")) {
            JsonNode c = ext.get("valueCoding");
            if (system.equals(c.path("system").asText()) && !codes.contains(system, c.path("code").asText())) {
                findings.error(IssueType.CODEINVALID, code, path + ".valueCoding.code", path + ".valueCoding.code",
                        c.path("code").asText());
            }
            return;
        }
        JsonNode codings = ext.path("valueCodeableConcept").path("coding");
        for (int j = 0; j < codings.size(); j++) {
            JsonNode c = codings.get(j);
            if (system.equals(c.path("system").asText()) && !codes.contains(system, c.path("code").asText())) {
                String at = path + ".valueCodeableConcept.coding[" + j + "].code";
                findings.error(IssueType.CODEINVALID, code, at, at, c.path("code").asText());
            }
        }
    }

    private void condition(JsonNode condition, ValidationContext context, Findings findings) {
        if (diagnosisRules == null) {
            return;
        }
        JsonNode codings = condition.path("code").path("coding");
        String sex = null;
        LocalDate birthDate = null;
        boolean looked = false;
        for (int i = 0; i < codings.size(); i++) {
            JsonNode coding = codings.get(i);
            if (!ICD10_SYSTEMS.contains(coding.path("system").asText()) || !coding.has("code")) {
                continue;
            }
            if (!looked) {
                looked = true;
                Optional<ObjectNode> patient = patientOf(condition, context);
                if (patient.isPresent()) {
                    sex = patient.get().path("gender").asText(null);
                    birthDate = date(patient.get().path("birthDate").asText(null));
                }
            }
            LocalDate on = Optional.ofNullable(date(condition.path("onsetDateTime").asText(null)))
                    .or(() -> Optional.ofNullable(date(condition.path("recordedDate").asText(null))))
                    .orElse(LocalDate.now());
            String code = coding.get("code").asText();
            String at = "Condition.code.coding[" + i + "].code";
            for (DiagnosisRules.Problem p : diagnosisRules.check(code, sex, birthDate, on)) {
                findings.error(IssueType.BUSINESSRULE, "VNEMR-3069", at, new Object[]{at, code, p.messageVi()},
                        new Object[]{at, code, p.messageEn()});
                findings.list().get(findings.list().size() - 1).getDetails().addCoding()
                        .setSystem(org.vnemr.fhir.error.FhirError.CODE_SYSTEM).setCode(p.code())
                        .setDisplay(p.messageEn());
            }
        }
    }

    private static Optional<ObjectNode> patientOf(JsonNode condition, ValidationContext context) {
        String reference = condition.path("subject").path("reference").asText("");
        if (!reference.startsWith("Patient/")) {
            return Optional.empty();
        }
        return context.resolve(reference);
    }

    private void coverage(JsonNode coverage, Findings findings) {
        JsonNode extensions = coverage.path("extension");
        for (int i = 0; i < extensions.size(); i++) {
            JsonNode ext = extensions.get(i);
            if (VnCoreUrls.EXT_PRIMARY_CARE_FACILITY.equals(ext.path("url").asText())) {
                JsonNode id = ext.path("valueReference").path("identifier");
                if (id.isObject()) {
                    identifier("Coverage.extension[" + i + "].valueReference.identifier", id, findings);
                }
            }
        }
        JsonNode subscriberId = coverage.get("subscriberId");
        boolean bhyt = false;
        for (JsonNode id : coverage.path("identifier")) {
            bhyt |= VnCoreUrls.SID_BHYT.equals(id.path("system").asText());
        }
        if (bhyt && subscriberId != null && subscriberId.isTextual() && !subscriberId.asText().isBlank()) {
            // the IG keeps the BHYT number in subscriberId too (invariant vn-coverage-subscriberid-consistency)
            report(findings, "VNEMR-3061", "Coverage.subscriberId", BhytCard.parse(subscriberId.asText(), units));
        }
    }

    static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
