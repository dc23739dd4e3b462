package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.vnemr.fhir.error.FhirError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HAPI's full R4 instance validator (profiles, invariants, terminology) for {@code $validate} and the
 * opt-in strict write mode. About 20 ms per resource once warm, and the first use loads and indexes the
 * R4 definitions for several seconds, so it is built lazily once and shared; thread-safe.
 *
 * <p>The support chain is {@link DefaultProfileValidationSupport}, the added modules (VN Core profiles and
 * code systems) in the order added, {@link SnapshotGeneratingValidationSupport},
 * {@link InMemoryTerminologyServerValidationSupport} and {@link CommonCodeSystemsTerminologyService}, with the
 * chain's own caching. Adding a module after first use rebuilds the validator on the next call.
 */
public final class InstanceValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext context;
    private final List<IValidationSupport> modules = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile FhirValidator validator;

    public InstanceValidation(FhirContext context) {
        this(context, List.of());
    }

    public InstanceValidation(FhirContext context, List<? extends IValidationSupport> extraModules) {
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("InstanceValidation needs an R4 FhirContext");
        }
        this.context = context;
        this.modules.addAll(extraModules);
    }

    /** Adds a validation support module (profiles, value sets, code systems) to the chain. */
    public void addValidationSupport(IValidationSupport module) {
        synchronized (lock) {
            modules.add(module);
            validator = null;
        }
    }

    /** True once the validator has been built (by {@link #warmUp()} or a first validation). */
    public boolean isReady() {
        return validator != null;
    }

    /** Builds the validator and validates a small resource so that the definitions are loaded and indexed. */
    public void warmUp() {
        validate(new Patient().setActive(true));
    }

    /** All issues of {@code resource} against the R4 base definitions and the profiles it claims. */
    public OperationOutcome validate(IBaseResource resource) {
        return toOutcome(validator().validateWithResult(resource));
    }

    /** As {@link #validate(IBaseResource)}, also against the profile {@code profileUrl} ($validate?profile=). */
    public OperationOutcome validate(IBaseResource resource, String profileUrl) {
        ValidationOptions options = new ValidationOptions().addProfile(profileUrl);
        return toOutcome(validator().validateWithResult(resource, options));
    }

    /** Validates FHIR JSON text as written (no round trip through the HAPI model, so nothing is lost). */
    public OperationOutcome validate(String json) {
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return unparseable(e.getOriginalMessage());
        }
        return validateText(json);
    }

    /** Validates a resource held as a JSON tree. */
    public OperationOutcome validate(ObjectNode json) {
        return validateText(json.toString());
    }

    private OperationOutcome validateText(String json) {
        try {
            return toOutcome(validator().validateWithResult(json));
        } catch (DataFormatException e) {
            return unparseable(e.getMessage());
        }
    }

    private static OperationOutcome unparseable(String reason) {
        return FhirError.outcome(List.of(FhirError.issue(OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.STRUCTURE, "VNEMR-1005", null, reason)));
    }

    /** True when the outcome has an error or fatal issue. */
    public static boolean hasErrors(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
    }

    private FhirValidator validator() {
        FhirValidator current = validator;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (validator == null) {
                validator = build();
            }
            return validator;
        }
    }

    private FhirValidator build() {
        List<IValidationSupport> chain = new ArrayList<>();
        chain.add(new DefaultProfileValidationSupport(context));
        chain.addAll(modules);
        chain.add(new SnapshotGeneratingValidationSupport(context));
        chain.add(new InMemoryTerminologyServerValidationSupport(context));
        chain.add(new CommonCodeSystemsTerminologyService(context));
        ValidationSupportChain support = new ValidationSupportChain(
                ValidationSupportChain.CacheConfiguration.defaultValues(), chain);
        FhirInstanceValidator module = new FhirInstanceValidator(support);
        FhirValidator built = context.newValidator();
        built.setValidateAgainstStandardSchema(false);
        built.setValidateAgainstStandardSchematron(false);
        built.registerValidatorModule(module);
        return built;
    }

    private static OperationOutcome toOutcome(ValidationResult result) {
        return (OperationOutcome) result.toOperationOutcome();
    }
}
