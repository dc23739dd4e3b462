package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.At;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.annotation.Validate;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.ValidationModeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.validation.InstanceValidator;

import java.io.IOException;

/**
 * The REST face of one resource type. One instance per R4 type, all of this one class: the behaviour is
 * generic and driven by the search-parameter catalogue, so there are no per-type copies (STYLE.md).
 * JSON reads and searches usually never reach here: {@link FastPathInterceptor} answers them from the stored
 * text; this class serves XML, {@code _summary}, {@code _elements}, {@code _pretty} and every write.
 */
public class ResourceTypeProvider implements IResourceProvider {

    private final Class<? extends IBaseResource> resourceClass;
    private final String type;
    private final FhirContext fhirContext;
    private final ReadService reads;
    private final WriteService writes;
    private final RequestContext context;
    private final InstanceValidator instanceValidator;

    public ResourceTypeProvider(String type, FhirContext fhirContext, ReadService reads, WriteService writes,
                                RequestContext context, InstanceValidator instanceValidator) {
        this.type = type;
        this.resourceClass = fhirContext.getResourceDefinition(type).getImplementingClass();
        this.fhirContext = fhirContext;
        this.reads = reads;
        this.writes = writes;
        this.context = context;
        this.instanceValidator = instanceValidator;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return resourceClass;
    }

    @Read(version = true)
    public IBaseResource read(@IdParam IIdType id) {
        StoredResource r = id.hasVersionIdPart() ? reads.vread(type, id.getIdPart(), id.getVersionIdPart())
                : reads.read(type, id.getIdPart());
        return parse(r.json());
    }

    @Create
    public MethodOutcome create(@ResourceParam byte[] body, @ResourceParam EncodingEnum encoding,
                                RequestDetails request) {
        ObjectNode resource = context.body(body, encoding);
        String ifNoneExist = stripType(request.getHeader("If-None-Exist"));
        WriteOutcome outcome = writes.execute(WriteRequest.create(resource, ifNoneExist), context.options(request));
        return outcome(outcome, request);
    }

    @Update
    public MethodOutcome update(@IdParam IIdType id, @ResourceParam byte[] body, @ResourceParam EncodingEnum encoding,
                                @ConditionalUrlParam String conditional, RequestDetails request) {
        ObjectNode resource = context.body(body, encoding);
        Long ifMatch = RequestHeaders.parseETag(request.getHeader("If-Match"));
        WriteRequest write = id != null && id.hasIdPart()
                ? WriteRequest.update(type, id.getIdPart(), resource, ifMatch)
                : WriteRequest.conditionalUpdate(type, stripType(conditional), resource, ifMatch);
        return outcome(writes.execute(write, context.options(request)), request);
    }

    @Delete
    public MethodOutcome delete(@IdParam IIdType id, @ConditionalUrlParam String conditional, RequestDetails request) {
        Long ifMatch = RequestHeaders.parseETag(request.getHeader("If-Match"));
        WriteRequest write = id != null && id.hasIdPart() ? WriteRequest.delete(type, id.getIdPart(), ifMatch)
                : WriteRequest.conditionalDelete(type, stripType(conditional));
        WriteOutcome outcome = writes.execute(write, context.options(request));
        MethodOutcome result = new MethodOutcome();
        if (outcome.resource() != null) {
            result.setId(new IdType(type, outcome.resource().id(), Long.toString(outcome.resource().versionId())));
        }
        return result;
    }

    @Patch
    public MethodOutcome patch(@IdParam IIdType id, PatchTypeEnum patchType, @ResourceParam String body,
                               RequestDetails request) {
        if (patchType != PatchTypeEnum.JSON_PATCH) {
            throw FhirError.badRequest("VNEMR-1021", "PATCH " + patchType + " (only application/json-patch+json)");
        }
        if (id == null || !id.hasIdPart()) {
            throw FhirError.badRequest("VNEMR-1021", "conditional PATCH");
        }
        JsonNode patch;
        try {
            patch = FhirJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw FhirError.badRequest("VNEMR-1022", e.getMessage());
        }
        Long ifMatch = RequestHeaders.parseETag(request.getHeader("If-Match"));
        return outcome(writes.execute(WriteRequest.patch(type, id.getIdPart(), patch, ifMatch),
                context.options(request)), request);
    }

    @Search(allowUnknownParams = true)
    public IBaseBundle search(RequestDetails request) {
        return (IBaseBundle) parse(reads.search(type, context.searchParams(request), context.base(request),
                RequestHeaders.lenient(request.getHeader("Prefer"))));
    }

    @History
    public IBaseBundle instanceHistory(@IdParam IIdType id, @Since InstantType since, @At DateRangeParam at,
                                       @Count Integer count, RequestDetails request) {
        return (Bundle) parse(reads.history(type, id.getIdPart(), context.since(since), context.at(at), count,
                context.offset(request), context.base(request)));
    }

    @History
    public IBaseBundle typeHistory(@Since InstantType since, @At DateRangeParam at, @Count Integer count,
                                   RequestDetails request) {
        return (Bundle) parse(reads.history(type, null, context.since(since), context.at(at), count,
                context.offset(request), context.base(request)));
    }

    @Validate
    public MethodOutcome validate(@ResourceParam IBaseResource parsed, @Validate.Mode ValidationModeEnum mode,
                                  @Validate.Profile String profile) {
        if (parsed == null) {
            throw FhirError.badRequest("VNEMR-1026");
        }
        ObjectNode resource = FhirJson.parseResource(fhirContext.newJsonParser().encodeResourceToString(parsed));
        MethodOutcome result = new MethodOutcome();
        result.setOperationOutcome(instanceValidator.validate(resource, profile));
        return result;
    }

    private MethodOutcome outcome(WriteOutcome outcome, RequestDetails request) {
        StoredResource r = outcome.resource();
        MethodOutcome result = new MethodOutcome(new IdType(type, r.id(), Long.toString(r.versionId())));
        result.setCreated(outcome.created());
        result.setOperationOutcome(FhirError.outcome(java.util.List.of(FhirError.issue(
                org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION,
                org.hl7.fhir.r4.model.OperationOutcome.IssueType.INFORMATIONAL, "VNEMR-1033", null,
                r.typeAndId(), r.versionId()))));
        if (RequestHeaders.preferReturn(request.getHeader("Prefer"), BundleProcessor.Return.REPRESENTATION)
                != BundleProcessor.Return.MINIMAL) {
            result.setResource(parse(r.json()));
        }
        return result;
    }

    private IBaseResource parse(String json) {
        return fhirContext.newJsonParser().parseResource(json);
    }

    /** {@code Patient?identifier=x} or {@code identifier=x} → {@code identifier=x}. */
    private static String stripType(String condition) {
        if (condition == null || condition.isBlank()) {
            return null;
        }
        int q = condition.indexOf('?');
        return q >= 0 ? condition.substring(q + 1) : condition;
    }
}
