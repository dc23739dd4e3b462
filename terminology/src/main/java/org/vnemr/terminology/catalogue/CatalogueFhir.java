package org.vnemr.terminology.catalogue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the FHIR resources of a catalogue version — the source of truth the index table is derived from:
 * <ul>
 * <li>a {@code CodeSystem} per version ({@code url} = the catalogue's canonical, {@code version} = the version
 *     id), every row a concept whose properties are the row's fields under their Ministry names, and the period
 *     in force in the core extension {@code resource-effectivePeriod};</li>
 * <li>a {@code ChargeItemDefinition} per version of a priced catalogue: one {@code propertyGroup} per code
 *     (applicability = the code, price components = BHYT price, service price, payment ratio as factor), with
 *     the version's {@code effectivePeriod};</li>
 * <li>a {@code MedicationKnowledge} per drug code (stable id, a new resource version when the drug changes):
 *     ingredient, strength, route, dose form, registration number, prices.</li>
 * </ul>
 */
final class CatalogueFhir {

    static final String EFFECTIVE_PERIOD = "http://hl7.org/fhir/StructureDefinition/resource-effectivePeriod";
    static final String PRICE_TYPES = "https://vnemr.org/fhir/CodeSystem/catalogue-price-type";
    static final String REGISTRATION_NUMBER = "https://vnemr.org/fhir/StructureDefinition/drug-registration-number";
    static final String REGISTRATION_SYSTEM = "https://vnemr.org/fhir/sid/so-dang-ky-thuoc";
    static final String STRENGTH_TEXT = "https://vnemr.org/fhir/StructureDefinition/ingredient-strength-text";
    static final String CATALOGUE_VERSION = "https://vnemr.org/fhir/StructureDefinition/catalogue-version";
    static final String INGREDIENT_SYSTEM = "https://vnemr.org/fhir/CodeSystem/active-ingredient";
    static final String ROUTE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/drug-route";

    private static final Pattern ID_SAFE = Pattern.compile("[A-Za-z0-9\\-.]{1,58}");
    private static final Pattern STRENGTH = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*([A-Za-zµ]+)(?:\\s*/\\s*(\\d+(?:\\.\\d+)?)?\\s*([A-Za-z]+))?");

    private CatalogueFhir() {
    }

    /** Id of the CodeSystem and ChargeItemDefinition of a version. */
    static String resourceId(String versionId) {
        return "catalogue-" + versionId;
    }

    /** Stable MedicationKnowledge id of a drug code; codes with other characters get a digest instead. */
    static String drugId(String code) {
        if (ID_SAFE.matcher(code).matches()) {
            return "drug-" + code;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return "drug-h" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode codeSystem(CatalogueVersion version, List<Column> columns, List<CatalogueEntry> entries,
                                 boolean active) {
        CatalogueKind kind = version.kind();
        ObjectNode cs = FhirJson.object();
        cs.put("resourceType", "CodeSystem");
        cs.put("id", resourceId(version.id()));
        if (version.effectiveFrom() != null) {
            cs.putArray("extension").add(periodExtension(version.effectiveFrom(), version.effectiveTo()));
        }
        cs.put("url", kind.system());
        cs.put("version", version.id());
        cs.put("name", "VnemrCatalogue" + camel(kind.slug()));
        cs.put("title", kind.title());
        cs.put("status", active ? "active" : "draft");
        cs.put("date", version.importedAt().toString());
        cs.put("description", kind.title() + " — phiên bản " + version.id()
                + (version.sourceName() != null ? ", nhập từ tệp " + version.sourceName() : ""));
        cs.put("caseSensitive", true);
        cs.put("content", "complete");
        cs.put("count", entries.size());
        ArrayNode properties = cs.putArray("property");
        for (Column column : columns) {
            if (column.type() == Column.Type.CODE || column.type() == Column.Type.DISPLAY) {
                continue;
            }
            ObjectNode p = properties.addObject();
            p.put("code", column.name());
            p.put("type", switch (column.type()) {
                case DECIMAL, RATIO -> "decimal";
                case DATE -> "dateTime";
                default -> "string";
            });
        }
        ArrayNode concepts = cs.putArray("concept");
        for (CatalogueEntry e : entries) {
            ObjectNode concept = concepts.addObject();
            concept.put("code", e.code());
            concept.put("display", e.display());
            if (!e.fields().isEmpty()) {
                ArrayNode values = concept.putArray("property");
                for (Column column : columns) {
                    String value = e.field(column.name());
                    if (value == null) {
                        continue;
                    }
                    ObjectNode p = values.addObject();
                    p.put("code", column.name());
                    switch (column.type()) {
                        case DECIMAL, RATIO -> p.put("valueDecimal", new BigDecimal(value));
                        case DATE -> p.put("valueDateTime", value);
                        default -> p.put("valueString", value);
                    }
                }
            }
        }
        return cs;
    }

    /** The version's price list; null for catalogues without prices. */
    static ObjectNode chargeItemDefinition(CatalogueVersion version, List<CatalogueEntry> entries) {
        CatalogueKind kind = version.kind();
        if (!kind.priced()) {
            return null;
        }
        ObjectNode cid = FhirJson.object();
        cid.put("resourceType", "ChargeItemDefinition");
        cid.put("id", resourceId(version.id()));
        cid.put("url", "https://vnemr.org/fhir/ChargeItemDefinition/catalogue-" + kind.slug());
        cid.put("version", version.id());
        cid.put("title", "Bảng giá — " + kind.title());
        cid.put("status", "active");
        cid.put("date", version.importedAt().toString());
        ObjectNode period = cid.putObject("effectivePeriod");
        period.put("start", version.effectiveFrom().toString());
        if (version.effectiveTo() != null) {
            period.put("end", version.effectiveTo().toString());
        }
        ArrayNode groups = cid.putArray("propertyGroup");
        for (CatalogueEntry e : entries) {
            ObjectNode group = groups.addObject();
            ObjectNode applicability = group.putArray("applicability").addObject();
            String rowPeriod = rowPeriod(e);
            applicability.put("description", e.code() + " " + e.display() + rowPeriod);
            applicability.put("language", "text/fhirpath");
            applicability.put("expression", "code.coding.where(system = '" + kind.system() + "' and code = '"
                    + e.code().replace("'", "\\'") + "').exists()");
            ArrayNode components = group.putArray("priceComponent");
            if (e.bhytPrice() != null) {
                money(components.addObject(), "bhyt", "Giá BHYT thanh toán", e.bhytPrice());
            }
            if (e.servicePrice() != null) {
                money(components.addObject(), "service", "Giá dịch vụ", e.servicePrice());
            }
            ObjectNode ratio = components.addObject();
            ratio.put("type", "informational");
            code(ratio, "payment-ratio", "Tỷ lệ thanh toán BHYT");
            ratio.put("factor", e.paymentRatio().divide(BigDecimal.valueOf(100), 5, RoundingMode.UNNECESSARY)
                    .stripTrailingZeros());
        }
        return cid;
    }

    static ObjectNode medicationKnowledge(String versionId, CatalogueEntry drug, boolean active) {
        ObjectNode mk = FhirJson.object();
        mk.put("resourceType", "MedicationKnowledge");
        mk.put("id", drugId(drug.code()));
        ArrayNode extensions = mk.putArray("extension");
        String registration = drug.field("SO_DANG_KY");
        if (registration != null) {
            ObjectNode ext = extensions.addObject();
            ext.put("url", REGISTRATION_NUMBER);
            ObjectNode identifier = ext.putObject("valueIdentifier");
            identifier.put("system", REGISTRATION_SYSTEM);
            identifier.put("value", registration);
        }
        ObjectNode versionExt = extensions.addObject();
        versionExt.put("url", CATALOGUE_VERSION);
        versionExt.put("valueString", versionId);
        ObjectNode code = mk.putObject("code");
        ObjectNode coding = code.putArray("coding").addObject();
        coding.put("system", CatalogueKind.DRUG.system());
        coding.put("code", drug.code());
        coding.put("display", drug.display());
        code.put("text", drug.display());
        mk.put("status", active ? "active" : "inactive");
        if (drug.field("DANG_BAO_CHE") != null) {
            mk.putObject("doseForm").put("text", drug.field("DANG_BAO_CHE"));
        }
        ObjectNode ingredient = mk.putArray("ingredient").addObject();
        String strength = drug.field("HAM_LUONG");
        if (strength != null) {
            ObjectNode ext = ingredient.putArray("extension").addObject();
            ext.put("url", STRENGTH_TEXT);
            ext.put("valueString", strength);
        }
        ObjectNode item = ingredient.putObject("itemCodeableConcept");
        if (drug.field("MA_HOAT_CHAT") != null) {
            ObjectNode c = item.putArray("coding").addObject();
            c.put("system", INGREDIENT_SYSTEM);
            c.put("code", drug.field("MA_HOAT_CHAT"));
            c.put("display", drug.field("TEN_HOAT_CHAT"));
        }
        item.put("text", drug.field("TEN_HOAT_CHAT"));
        ingredient.put("isActive", true);
        ObjectNode ratio = strength == null ? null : strengthRatio(strength);
        if (ratio != null) {
            ingredient.set("strength", ratio);
        }
        if (drug.field("DUONG_DUNG") != null) {
            ObjectNode route = mk.putArray("intendedRoute").addObject();
            ObjectNode c = route.putArray("coding").addObject();
            c.put("system", ROUTE_SYSTEM);
            c.put("code", drug.field("DUONG_DUNG"));
            if (drug.field("TEN_DUONG_DUNG") != null) {
                c.put("display", drug.field("TEN_DUONG_DUNG"));
                route.put("text", drug.field("TEN_DUONG_DUNG"));
            }
        }
        ArrayNode costs = mk.putArray("cost");
        cost(costs, "bhyt", "Giá BHYT thanh toán", drug.bhytPrice(), versionId);
        cost(costs, "service", "Giá dịch vụ", drug.servicePrice(), versionId);
        return mk;
    }

    /** "500mg" → 500 mg / 1; "1g/100ml" → 1 g / 100 ml; anything else (e.g. "0.9%") has no Ratio, only the text. */
    static ObjectNode strengthRatio(String strength) {
        Matcher m = STRENGTH.matcher(strength.strip());
        if (!m.matches()) {
            return null;
        }
        ObjectNode ratio = FhirJson.object();
        ObjectNode numerator = ratio.putObject("numerator");
        numerator.put("value", new BigDecimal(m.group(1)));
        numerator.put("unit", m.group(2));
        ObjectNode denominator = ratio.putObject("denominator");
        denominator.put("value", m.group(3) == null ? BigDecimal.ONE : new BigDecimal(m.group(3)));
        if (m.group(4) != null) {
            denominator.put("unit", m.group(4));
        }
        return ratio;
    }

    static ObjectNode periodExtension(LocalDate from, LocalDate to) {
        ObjectNode ext = FhirJson.object();
        ext.put("url", EFFECTIVE_PERIOD);
        ObjectNode period = ext.putObject("valuePeriod");
        period.put("start", from.toString());
        if (to != null) {
            period.put("end", to.toString());
        }
        return ext;
    }

    private static String rowPeriod(CatalogueEntry e) {
        if (e.validFrom() == null && e.validTo() == null) {
            return "";
        }
        return " (áp dụng" + (e.validFrom() != null ? " từ " + e.validFrom() : "")
                + (e.validTo() != null ? " đến " + e.validTo() : "") + ")";
    }

    private static void money(ObjectNode component, String code, String display, BigDecimal value) {
        component.put("type", "base");
        code(component, code, display);
        ObjectNode amount = component.putObject("amount");
        amount.put("value", value);
        amount.put("currency", "VND");
    }

    private static void code(ObjectNode component, String code, String display) {
        ObjectNode coding = component.putObject("code").putArray("coding").addObject();
        coding.put("system", PRICE_TYPES);
        coding.put("code", code);
        coding.put("display", display);
    }

    private static void cost(ArrayNode costs, String code, String display, BigDecimal value, String versionId) {
        if (value == null) {
            return;
        }
        ObjectNode cost = costs.addObject();
        ObjectNode type = cost.putObject("type");
        ObjectNode coding = type.putArray("coding").addObject();
        coding.put("system", PRICE_TYPES);
        coding.put("code", code);
        coding.put("display", display);
        cost.put("source", "catalogue " + versionId);
        ObjectNode money = cost.putObject("cost");
        money.put("value", value);
        money.put("currency", "VND");
    }

    private static String camel(String slug) {
        StringBuilder out = new StringBuilder();
        for (String part : slug.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
