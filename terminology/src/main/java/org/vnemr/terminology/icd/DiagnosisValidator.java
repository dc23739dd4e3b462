package org.vnemr.terminology.icd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.validation.ProfileValidator;
import org.vnemr.fhir.validation.ValidationContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@link DiagnosisRules} when a Condition with an ICD-10 code is written: the code must be in ICD-10 VN
 * and fit the patient's sex and age (the subject Patient is read from the same transaction Bundle or the store).
 * A birth date known only to the year or month skips the age rules rather than guess.
 */
public final class DiagnosisValidator implements ProfileValidator {

    private final DiagnosisRules rules;

    public DiagnosisValidator(DiagnosisRules rules) {
        this.rules = rules;
    }

    @Override
    public List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource,
                                                                         ValidationContext context) {
        if (!"Condition".equals(resource.path("resourceType").asText())) {
            return List.of();
        }
        JsonNode codings = resource.path("code").path("coding");
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
        Optional<ObjectNode> patient = null;
        for (int i = 0; i < codings.size(); i++) {
            JsonNode coding = codings.get(i);
            String system = coding.path("system").asText();
            if (!Icd10VnImporter.URL.equals(system) && !Icd10VnImporter.INTERNATIONAL_URL.equals(system)) {
                continue;
            }
            if (patient == null) {
                String subject = resource.path("subject").path("reference").asText(null);
                patient = subject != null && subject.startsWith("Patient/") ? context.resolve(subject)
                        : Optional.empty();
            }
            String sex = patient.map(p -> p.path("gender").asText(null)).orElse(null);
            LocalDate birthDate = patient.map(p -> fullDate(p.path("birthDate").asText(null))).orElse(null);
            LocalDate on = firstDate(resource, "onsetDateTime", "recordedDate");
            for (DiagnosisRules.Problem problem : rules.check(coding.path("code").asText(), sex, birthDate, on)) {
                OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
                issue.setSeverity(OperationOutcome.IssueSeverity.ERROR);
                issue.setCode(OperationOutcome.IssueType.BUSINESSRULE);
                issue.setDetails(new CodeableConcept().setText(problem.messageVi()));
                issue.getDetails().addCoding().setSystem(FhirError.CODE_SYSTEM).setCode(problem.code())
                        .setDisplay(problem.messageEn());
                issue.setDiagnostics(problem.code() + ": " + problem.messageEn());
                issue.addExpression("Condition.code.coding[" + i + "]");
                issues.add(issue);
            }
        }
        return issues;
    }

    private static LocalDate firstDate(ObjectNode resource, String... fields) {
        for (String field : fields) {
            String value = resource.path(field).asText(null);
            if (value != null && value.length() >= 10) {
                LocalDate date = fullDate(value.substring(0, 10));
                if (date != null) {
                    return date;
                }
            }
        }
        return null;
    }

    private static LocalDate fullDate(String value) {
        if (value == null || value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
