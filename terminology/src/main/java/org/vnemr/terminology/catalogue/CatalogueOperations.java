package org.vnemr.terminology.catalogue;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.vnemr.fhir.error.FhirError;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The catalogue operations on {@code /fhir/CodeSystem} (HAPI provider; the work is in {@link Catalogues}):
 * <ul>
 * <li>{@code POST $catalogue-import} — Parameters {@code kind} (drug, service, supply, bed, department,
 *     patient-category, visit-type), {@code file} (the .xlsx as base64Binary), optional {@code filename};
 *     answers the pending version and its preview counts. A refused file answers 422 with one
 *     OperationOutcome issue per refused row and column.</li>
 * <li>{@code $catalogue-preview?version=…[&limit=…]} — added / removed / changed codes (old → new per field).</li>
 * <li>{@code POST $catalogue-activate} — {@code version}, {@code effective} (date).</li>
 * <li>{@code $catalogue-versions?kind=…} — the versions of a catalogue.</li>
 * <li>{@code $catalogue-price?kind=…&code=…&date=…} — the price of the day.</li>
 * </ul>
 */
class CatalogueOperations {

    private static final int DEFAULT_LIMIT = 500;

    private final Catalogues catalogues;
    private final CataloguePrices prices;

    CatalogueOperations(Catalogues catalogues, CataloguePrices prices) {
        this.catalogues = catalogues;
        this.prices = prices;
    }

    @Operation(name = "$catalogue-import", typeName = "CodeSystem")
    public Parameters importCatalogue(@OperationParam(name = "kind") StringType kind,
                                      @OperationParam(name = "file") Base64BinaryType file,
                                      @OperationParam(name = "filename") StringType filename) {
        CatalogueKind catalogueKind = Catalogues.kind(required(kind, "kind"));
        if (file == null || file.getValue() == null || file.getValue().length == 0) {
            throw FhirError.badRequest("VNEMR-2116", "file");
        }
        CatalogueVersion version;
        try {
            version = catalogues.importFile(catalogueKind, filename == null ? null : filename.getValue(),
                    new ByteArrayInputStream(file.getValue()));
        } catch (CatalogueImportException e) {
            throw refused(e.problems());
        }
        Parameters out = versionParameters(version);
        CatalogueDiff diff = catalogues.preview(version.id());
        addCounts(out, diff);
        return out;
    }

    @Operation(name = "$catalogue-preview", typeName = "CodeSystem", idempotent = true)
    public Parameters preview(@OperationParam(name = "version") StringType version,
                              @OperationParam(name = "limit") IntegerType limit) {
        CatalogueDiff diff = catalogues.preview(required(version, "version"));
        int max = limit == null || limit.getValue() == null ? DEFAULT_LIMIT : Math.max(0, limit.getValue());
        Parameters out = new Parameters();
        out.addParameter("version", diff.versionId());
        if (diff.againstVersionId() != null) {
            out.addParameter("against", diff.againstVersionId());
        }
        addCounts(out, diff);
        diff.added().stream().limit(max).forEach(e -> entryPart(out.addParameter().setName("added"), e));
        diff.removed().stream().limit(max).forEach(e -> entryPart(out.addParameter().setName("removed"), e));
        diff.changed().stream().limit(max).forEach(c -> {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("changed");
            p.addPart().setName("code").setValue(new StringType(c.code()));
            p.addPart().setName("display").setValue(new StringType(c.display()));
            for (CatalogueDiff.FieldChange f : c.fields()) {
                Parameters.ParametersParameterComponent field = p.addPart().setName("field");
                field.addPart().setName("name").setValue(new StringType(f.field()));
                if (f.oldValue() != null) {
                    field.addPart().setName("old").setValue(new StringType(f.oldValue()));
                }
                if (f.newValue() != null) {
                    field.addPart().setName("new").setValue(new StringType(f.newValue()));
                }
            }
        });
        return out;
    }

    @Operation(name = "$catalogue-activate", typeName = "CodeSystem")
    public Parameters activate(@OperationParam(name = "version") StringType version,
                               @OperationParam(name = "effective") StringType effective) {
        String id = required(version, "version");
        LocalDate from = date(required(effective, "effective"));
        return versionParameters(catalogues.activate(id, from));
    }

    @Operation(name = "$catalogue-versions", typeName = "CodeSystem", idempotent = true)
    public Parameters versions(@OperationParam(name = "kind") StringType kind) {
        Parameters out = new Parameters();
        for (CatalogueVersion v : catalogues.versions(Catalogues.kind(required(kind, "kind")))) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("version");
            versionParts(v).forEach(p::addPart);
        }
        return out;
    }

    @Operation(name = "$catalogue-price", typeName = "CodeSystem", idempotent = true)
    public Parameters price(@OperationParam(name = "kind") StringType kind,
                            @OperationParam(name = "code") StringType code,
                            @OperationParam(name = "date") StringType date) {
        CatalogueKind catalogueKind = Catalogues.kind(required(kind, "kind"));
        String wanted = required(code, "code");
        LocalDate day = date(required(date, "date"));
        Price price = prices.priceOn(catalogueKind, wanted, day).orElseThrow(() -> FhirError.notFound("VNEMR-2119",
                catalogueKind.slug(), wanted, day.toString()));
        Parameters out = new Parameters();
        out.addParameter("code", price.code());
        out.addParameter("display", price.display());
        decimal(out, "bhytPrice", price.bhytPrice());
        decimal(out, "servicePrice", price.servicePrice());
        decimal(out, "paymentRatio", price.paymentRatio());
        out.addParameter("version", price.versionId());
        out.addParameter().setName("versionFrom").setValue(new DateType(price.versionFrom().toString()));
        return out;
    }

    private static void decimal(Parameters out, String name, BigDecimal value) {
        if (value != null) {
            out.addParameter().setName(name).setValue(new DecimalType(value));
        }
    }

    private static Parameters versionParameters(CatalogueVersion version) {
        Parameters out = new Parameters();
        versionParts(version).forEach(out::addParameter);
        return out;
    }

    private static List<Parameters.ParametersParameterComponent> versionParts(CatalogueVersion v) {
        List<Parameters.ParametersParameterComponent> parts = new java.util.ArrayList<>();
        parts.add(part("version", new StringType(v.id())));
        parts.add(part("kind", new StringType(v.kind().slug())));
        parts.add(part("status", new StringType(v.status().name().toLowerCase())));
        parts.add(part("entries", new IntegerType(v.entryCount())));
        parts.add(part("codeSystem", new StringType("CodeSystem/" + CatalogueFhir.resourceId(v.id()))));
        if (v.sourceName() != null) {
            parts.add(part("filename", new StringType(v.sourceName())));
        }
        if (v.effectiveFrom() != null) {
            parts.add(part("effectiveFrom", new DateType(v.effectiveFrom().toString())));
        }
        if (v.effectiveTo() != null) {
            parts.add(part("effectiveTo", new DateType(v.effectiveTo().toString())));
        }
        return parts;
    }

    private static Parameters.ParametersParameterComponent part(String name, org.hl7.fhir.r4.model.Type value) {
        return new Parameters.ParametersParameterComponent().setName(name).setValue(value);
    }

    private static void addCounts(Parameters out, CatalogueDiff diff) {
        out.addParameter().setName("addedCount").setValue(new IntegerType(diff.added().size()));
        out.addParameter().setName("removedCount").setValue(new IntegerType(diff.removed().size()));
        out.addParameter().setName("changedCount").setValue(new IntegerType(diff.changed().size()));
        out.addParameter().setName("unchangedCount").setValue(new IntegerType(diff.unchanged()));
    }

    private static void entryPart(Parameters.ParametersParameterComponent p, CatalogueEntry e) {
        p.addPart().setName("code").setValue(new StringType(e.code()));
        p.addPart().setName("display").setValue(new StringType(e.display()));
    }

    private static String required(StringType value, String name) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            throw FhirError.badRequest("VNEMR-2116", name);
        }
        return value.getValue().strip();
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw FhirError.badRequest("VNEMR-2117", text);
        }
    }

    /** 422 with one issue per refused row and column, each with its code and both languages. */
    static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException refused(List<RowProblem> problems) {
        List<OperationOutcome.OperationOutcomeIssueComponent> perRow = problems.stream()
                .map(p -> FhirError.issue(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.INVALID,
                        p.code(), null, p.args()))
                .toList();
        return FhirError.withOutcome(422, FhirError.outcome(perRow));
    }
}
