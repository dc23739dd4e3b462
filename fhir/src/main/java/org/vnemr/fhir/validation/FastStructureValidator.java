package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vnemr.fhir.error.FhirError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write-path structure check: walks the FHIR JSON tree once against element rules precompiled from
 * HAPI's R4 runtime model, without building HAPI model objects.
 *
 * <p>Checks known resource types and element names (with {@code _name} siblings of primitives), JSON
 * shapes (object, array only for repeating elements and never empty, no nulls outside primitive arrays
 * paired with {@code _name}), cardinality, choice elements, primitive formats, codes of required bindings
 * that HAPI generates as enumerations, extension structure, {@code Reference.reference} forms and target
 * types, contained resources (recursively) and narrative safety. Thread-safe; build one per application.
 */
public final class FastStructureValidator implements StructureValidator {

    private static final Pattern RELATIVE = Pattern.compile("([A-Za-z]+)/([^/]+)(/_history/([^/]+))?");
    private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:\\S+");
    private static final Pattern ABSOLUTE_RESTFUL = Pattern.compile(
            "(https?://\\S+/)?([A-Z][A-Za-z]+)/[A-Za-z0-9\\-\\.]{1,64}(/_history/[A-Za-z0-9\\-\\.]{1,64})?");
    private static final int MAX_CODES_SHOWN = 20;
    private static final int MAX_VALUE_SHOWN = 80;

    private final Map<String, TypeRule> resources;
    private final TypeRule primitiveElement;

    /**
     * Compiles the rules of every R4 resource type, with the required bindings of CodeableConcept and Coding
     * elements precompiled from HAPI's R4 definitions (reading the definitions themselves takes seconds).
     */
    public FastStructureValidator(FhirContext context) {
        this(context, RequiredBindings.precompiled());
    }

    /**
     * Compiles the rules of every R4 resource type, reading the required bindings of CodeableConcept and
     * Coding elements from {@code definitions} (R4 StructureDefinitions, ValueSets and CodeSystems, e.g. a
     * {@link DefaultProfileValidationSupport}). With {@code null} only the bindings HAPI's runtime model
     * carries (enumerated {@code code} elements) are checked, and construction takes well under a second.
     */
    public FastStructureValidator(FhirContext context, IValidationSupport definitions) {
        this(context, definitions == null ? Map.of() : RequiredBindings.load(definitions));
    }

    private FastStructureValidator(FhirContext context, Map<String, Map<String, Set<String>>> bindings) {
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("FastStructureValidator needs an R4 FhirContext, got "
                    + context.getVersion().getVersion());
        }
        RuleCompiler compiler = new RuleCompiler(context, bindings);
        this.resources = compiler.compileResources();
        this.primitiveElement = compiler.primitiveElement();
    }

    @Override
    public List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource) {
        Walk walk = new Walk(false);
        walk.resource(resource, null);
        return walk.issues;
    }

    /** The problems of {@code resource} and every reference in it, from one walk. */
    public ValidationReport validateAndCollect(ObjectNode resource) {
        Walk walk = new Walk(true);
        walk.resource(resource, null);
        return new ValidationReport(walk.issues, walk.references);
    }

    /** True when {@code type} is an R4 resource type. */
    public boolean isResourceType(String type) {
        return resources.containsKey(type);
    }

    /** The state of one validation: the issues and references found so far. */
    private final class Walk {

        final List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>(0);
        final List<FoundReference> references;
        /** The ids of the resources contained in the current container resource, for {@code #id} references. */
        private Set<String> containedIds = Set.of();

        Walk(boolean collectReferences) {
            this.references = collectReferences ? new ArrayList<>() : null;
        }

        void resource(JsonNode node, Path at) {
            if (node == null || !node.isObject()) {
                error(IssueType.STRUCTURE, "VNEMR-1103", at == null ? Path.root("Resource") : at, kind(node));
                return;
            }
            JsonNode resourceType = node.get("resourceType");
            if (resourceType == null || !resourceType.isTextual()) {
                error(IssueType.REQUIRED, "VNEMR-1101", at == null ? Path.root("Resource") : at);
                return;
            }
            String typeName = resourceType.textValue();
            TypeRule type = resources.get(typeName);
            Path path = at == null ? Path.root(type == null ? "Resource" : typeName) : at;
            if (type == null) {
                error(IssueType.NOTSUPPORTED, "VNEMR-1100", path, typeName);
                return;
            }
            if (at != null && at.isContained()) {
                object((ObjectNode) node, type, path);
                return;
            }
            Set<String> outer = containedIds;
            containedIds = containedIds(node.get("contained"));
            object((ObjectNode) node, type, path);
            containedIds = outer;
        }

        private static Set<String> containedIds(JsonNode contained) {
            if (contained == null || !contained.isArray() || contained.isEmpty()) {
                return Set.of();
            }
            Set<String> ids = new java.util.HashSet<>();
            for (JsonNode resource : contained) {
                JsonNode id = resource.get("id");
                if (id != null && id.isTextual()) {
                    ids.add(id.textValue());
                }
            }
            return ids;
        }

        void object(ObjectNode node, TypeRule type, Path path) {
            if (node.isEmpty()) {
                error(IssueType.STRUCTURE, "VNEMR-1127", path);
                return;
            }
            ElementRule[] seen = type.choices.isEmpty() ? null : new ElementRule[type.choices.size()];
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (type.role == TypeRule.Role.RESOURCE && "resourceType".equals(name)) {
                    continue;
                }
                boolean primitiveExtension = name.length() > 1 && name.charAt(0) == '_';
                ElementRule rule = type.element(primitiveExtension ? name.substring(1) : name);
                if (rule == null || primitiveExtension && rule.kind != ElementRule.Kind.PRIMITIVE) {
                    unknown(type, name, path);
                    continue;
                }
                if (rule.choice != null) {
                    ElementRule other = seen[rule.choice.index];
                    if (other == null) {
                        seen[rule.choice.index] = rule;
                    } else if (other != rule) {
                        error(IssueType.STRUCTURE, "VNEMR-1110", path.child(rule.choice.baseName + "[x]"),
                                other.jsonName, rule.jsonName);
                    }
                }
                if (primitiveExtension) {
                    primitiveExtension(node, rule, value, path);
                } else {
                    property(node, rule, value, path);
                }
            }
            for (ElementRule rule : type.required) {
                if (!node.has(rule.jsonName)
                        && !(rule.kind == ElementRule.Kind.PRIMITIVE && node.has(rule.extensionName))) {
                    if (type.role == TypeRule.Role.EXTENSION && "url".equals(rule.jsonName)) {
                        error(IssueType.REQUIRED, "VNEMR-1119", path);
                    } else {
                        error(IssueType.REQUIRED, "VNEMR-1107", path.child(rule.pathName));
                    }
                }
            }
            if (seen != null) {
                for (ElementRule.ChoiceGroup group : type.choices) {
                    if (group.min > 0 && seen[group.index] == null) {
                        error(IssueType.REQUIRED, "VNEMR-1107", path.child(group.baseName + "[x]"));
                    }
                }
            }
            if (type.role == TypeRule.Role.EXTENSION) {
                boolean hasValue = seen != null && seen[0] != null;
                boolean hasExtensions = node.has("extension");
                if (hasValue && hasExtensions) {
                    error(IssueType.STRUCTURE, "VNEMR-1120", path);
                } else if (!hasValue && !hasExtensions) {
                    error(IssueType.STRUCTURE, "VNEMR-1121", path);
                }
            }
        }

        private void unknown(TypeRule type, String name, Path path) {
            ElementRule.ChoiceGroup group = type.choiceLike(name);
            if (group != null) {
                error(IssueType.STRUCTURE, "VNEMR-1129", path.child(group.baseName + "[x]"),
                        name.substring(group.baseName.length()));
            } else {
                error(IssueType.STRUCTURE, "VNEMR-1102", path.child(name));
            }
        }

        private void property(ObjectNode parent, ElementRule rule, JsonNode value, Path parentPath) {
            if (!rule.repeats()) {
                Path path = parentPath.child(rule.pathName);
                if (value.isArray()) {
                    error(IssueType.STRUCTURE, "VNEMR-1105", path);
                } else if (value.isNull()) {
                    error(IssueType.STRUCTURE, "VNEMR-1109", path);
                } else {
                    single(value, rule, path);
                }
                return;
            }
            if (!value.isArray()) {
                error(IssueType.STRUCTURE, "VNEMR-1104", parentPath.child(rule.pathName), kind(value));
                return;
            }
            int size = value.size();
            if (size == 0) {
                error(IssueType.STRUCTURE, "VNEMR-1106", parentPath.child(rule.pathName));
                return;
            }
            if (size > rule.max) {
                error(IssueType.STRUCTURE, "VNEMR-1108", parentPath.child(rule.pathName), size, rule.max);
            }
            JsonNode extensions = rule.kind == ElementRule.Kind.PRIMITIVE ? parent.get(rule.extensionName) : null;
            for (int i = 0; i < size; i++) {
                JsonNode item = value.get(i);
                if (item.isNull()) {
                    if (extensions == null || !extensions.isArray() || i >= extensions.size()
                            || !extensions.get(i).isObject()) {
                        error(IssueType.STRUCTURE, "VNEMR-1109", parentPath.child(rule.pathName, i));
                    }
                    continue;
                }
                single(item, rule, parentPath.child(rule.pathName, i));
            }
        }

        private void single(JsonNode value, ElementRule rule, Path path) {
            switch (rule.kind) {
                case PRIMITIVE -> primitive(value, rule, path);
                case COMPOSITE -> {
                    if (!value.isObject()) {
                        error(IssueType.STRUCTURE, "VNEMR-1103", path, kind(value));
                        return;
                    }
                    object((ObjectNode) value, rule.type, path);
                    if (rule.type.role == TypeRule.Role.REFERENCE) {
                        reference((ObjectNode) value, rule, path);
                    } else if (rule.codings != null) {
                        requiredCodings((ObjectNode) value, rule, path);
                    }
                }
                case RESOURCE -> {
                    if (value.isObject() && "contained".equals(rule.jsonName) && value.has("contained")) {
                        error(IssueType.STRUCTURE, "VNEMR-1128", path);
                    }
                    resource(value, path);
                }
            }
        }

        private void primitive(JsonNode value, ElementRule rule, Path path) {
            PrimitiveType type = rule.primitive;
            if (!type.hasJsonKind(value)) {
                error(IssueType.STRUCTURE, "VNEMR-1111", path, type.json.label, kind(value));
                return;
            }
            switch (type.json) {
                case INTEGER -> {
                    if (!type.inRange(value)) {
                        error(IssueType.VALUE, "VNEMR-1113", path, value.asText(), type.fhirName);
                    }
                }
                case STRING -> {
                    String text = value.textValue();
                    if (text.isEmpty()) {
                        error(IssueType.VALUE, "VNEMR-1115", path);
                    } else if (type == PrimitiveType.XHTML) {
                        narrative(text, path);
                    } else if (!type.matches(text)) {
                        error(IssueType.VALUE, "VNEMR-1112", path, shorten(text), type.fhirName);
                    } else if (rule.codes != null && !rule.codes.contains(text)) {
                        error(IssueType.CODEINVALID, "VNEMR-1114", path, shorten(text), list(rule.codes));
                    }
                }
                default -> {
                    // booleans and decimals: the JSON kind is the whole rule
                }
            }
        }

        /** A CodeableConcept or Coding with a required binding: its codes of the bound systems must be listed. */
        private void requiredCodings(ObjectNode value, ElementRule rule, Path path) {
            if (rule.type.role == TypeRule.Role.CODING) {
                requiredCoding(value, rule, path);
                return;
            }
            JsonNode codings = value.get("coding");
            if (codings == null || !codings.isArray() || codings.isEmpty()) {
                return;
            }
            boolean fromValueSet = false;
            for (int i = 0; i < codings.size(); i++) {
                JsonNode coding = codings.get(i);
                if (coding.isObject()) {
                    fromValueSet |= requiredCoding((ObjectNode) coding, rule, path.child("coding", i));
                }
            }
            if (!fromValueSet) {
                error(IssueType.CODEINVALID, "VNEMR-1130", path, list(rule.codings.keySet()));
            }
        }

        /** Reports a code of a bound system that the value set lacks; true when the coding is of a bound system. */
        private boolean requiredCoding(ObjectNode coding, ElementRule rule, Path path) {
            JsonNode system = coding.get("system");
            Set<String> codes = system == null || !system.isTextual() ? null : rule.codings.get(system.textValue());
            if (codes == null) {
                return false;
            }
            JsonNode code = coding.get("code");
            if (code != null && code.isTextual() && !codes.contains(code.textValue())) {
                error(IssueType.CODEINVALID, "VNEMR-1114", path.child("code"), shorten(code.textValue()),
                        list(new java.util.TreeSet<>(codes)));
            }
            return true;
        }

        private void primitiveExtension(ObjectNode parent, ElementRule rule, JsonNode extensions, Path parentPath) {
            JsonNode value = parent.get(rule.jsonName);
            if (!rule.repeats()) {
                if (!extensions.isObject()) {
                    error(IssueType.STRUCTURE, "VNEMR-1125", parentPath.child(rule.extensionName), rule.jsonName);
                } else {
                    object((ObjectNode) extensions, primitiveElement, parentPath.child(rule.pathName));
                }
                return;
            }
            if (!extensions.isArray()) {
                error(IssueType.STRUCTURE, "VNEMR-1125", parentPath.child(rule.extensionName), rule.jsonName);
                return;
            }
            boolean paired = value != null && value.isArray();
            if (paired && value.size() != extensions.size()) {
                error(IssueType.STRUCTURE, "VNEMR-1126", parentPath.child(rule.pathName), value.size(),
                        parentPath.child(rule.extensionName), extensions.size());
            }
            if (extensions.isEmpty()) {
                error(IssueType.STRUCTURE, "VNEMR-1106", parentPath.child(rule.extensionName));
            }
            for (int i = 0; i < extensions.size(); i++) {
                JsonNode item = extensions.get(i);
                if (item.isNull()) {
                    if (!paired || i >= value.size() || value.get(i).isNull()) {
                        error(IssueType.STRUCTURE, "VNEMR-1109", parentPath.child(rule.extensionName, i));
                    }
                } else if (!item.isObject()) {
                    error(IssueType.STRUCTURE, "VNEMR-1125", parentPath.child(rule.extensionName, i),
                            rule.jsonName);
                } else {
                    object((ObjectNode) item, primitiveElement, parentPath.child(rule.pathName, i));
                }
            }
        }

        private void reference(ObjectNode node, ElementRule rule, Path path) {
            JsonNode value = node.get("reference");
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                return;
            }
            String reference = value.textValue();
            String type = referencedType(reference, path);
            if (references != null) {
                references.add(new FoundReference(path.toString(), reference,
                        rule.targets == null ? Set.of() : rule.targets));
            }
            if (type != null && rule.targets != null && !rule.targets.contains(type)) {
                error(IssueType.INVALID, "VNEMR-1118", path.child("reference"), shorten(reference), type,
                        list(rule.targets));
            }
        }

        /** The resource type the reference names, or null when it names none; reports malformed forms. */
        private String referencedType(String reference, Path path) {
            if (reference.charAt(0) == '#') {
                if (reference.length() > 1 && !PrimitiveType.isId(reference, 1)) {
                    malformed(reference, path);
                } else if (reference.length() > 1 && !containedIds.contains(reference.substring(1))) {
                    error(IssueType.NOTFOUND, "VNEMR-1131", path.child("reference"), shorten(reference));
                }
                return null;
            }
            if (reference.startsWith("urn:uuid:")) {
                if (!PrimitiveType.UUID.matches(reference)) {
                    malformed(reference, path);
                }
                return null;
            }
            if (reference.startsWith("urn:oid:")) {
                if (!PrimitiveType.OID.matches(reference)) {
                    malformed(reference, path);
                }
                return null;
            }
            int query = reference.indexOf('?');
            if (query > 0 && reference.lastIndexOf('/', query) < 0 && reference.lastIndexOf(':', query) < 0) {
                return knownType(reference.substring(0, query), reference, path);
            }
            Matcher relative = RELATIVE.matcher(reference);
            if (relative.matches()) {
                String type = knownType(relative.group(1), reference, path);
                if (type != null && (!PrimitiveType.isId(relative.group(2), 0)
                        || relative.group(4) != null && !PrimitiveType.isId(relative.group(4), 0))) {
                    malformed(reference, path);
                }
                return type;
            }
            if (ABSOLUTE.matcher(reference).matches()) {
                Matcher restful = ABSOLUTE_RESTFUL.matcher(reference);
                if (restful.matches() && resources.containsKey(restful.group(2))) {
                    return restful.group(2);
                }
                return null;
            }
            malformed(reference, path);
            return null;
        }

        private String knownType(String type, String reference, Path path) {
            if (resources.containsKey(type)) {
                return type;
            }
            error(IssueType.INVALID, "VNEMR-1117", path.child("reference"), shorten(reference), type);
            return null;
        }

        private void malformed(String reference, Path path) {
            error(IssueType.INVALID, "VNEMR-1116", path.child("reference"), shorten(reference));
        }

        private void narrative(String div, Path path) {
            int start = 0;
            while (start < div.length() && Character.isWhitespace(div.charAt(start))) {
                start++;
            }
            if (!div.startsWith("<div", start)) {
                error(IssueType.VALUE, "VNEMR-1122", path);
            }
            boolean script = false;
            String event = null;
            boolean inTag = false;
            for (int i = start; i < div.length(); i++) {
                char c = div.charAt(i);
                if (c == '<') {
                    inTag = true;
                    script |= div.regionMatches(true, i + 1, "script", 0, 6);
                } else if (c == '>') {
                    inTag = false;
                } else if (c == ':' && i >= 10 && div.regionMatches(true, i - 10, "javascript", 0, 10)) {
                    script = true;
                } else if (inTag && event == null && (c == 'o' || c == 'O') && i > 0
                        && Character.isWhitespace(div.charAt(i - 1)) && i + 1 < div.length()
                        && (div.charAt(i + 1) == 'n' || div.charAt(i + 1) == 'N')) {
                    event = eventAttribute(div, i);
                }
            }
            if (script) {
                error(IssueType.SECURITY, "VNEMR-1123", path);
            }
            if (event != null) {
                error(IssueType.SECURITY, "VNEMR-1124", path, event);
            }
        }

        /** The attribute name {@code on…} at {@code at} when it is followed by {@code =}, else null. */
        private static String eventAttribute(String div, int at) {
            int end = at + 2;
            while (end < div.length() && Character.isLetter(div.charAt(end))) {
                end++;
            }
            if (end == at + 2) {
                return null;
            }
            int equals = end;
            while (equals < div.length() && Character.isWhitespace(div.charAt(equals))) {
                equals++;
            }
            return equals < div.length() && div.charAt(equals) == '=' ? div.substring(at, end) : null;
        }

        private void error(IssueType type, String code, Path path, Object... rest) {
            String where = path.toString();
            Object[] args = new Object[rest.length + 1];
            args[0] = where;
            for (int i = 0; i < rest.length; i++) {
                args[i + 1] = rest[i] instanceof Path p ? p.toString() : rest[i];
            }
            issues.add(FhirError.issue(OperationOutcome.IssueSeverity.ERROR, type, code, where, args));
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNumber() ? "number" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_SHOWN ? text : text.substring(0, MAX_VALUE_SHOWN) + "…";
    }

    private static String list(Set<String> values) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String value : values) {
            if (n == MAX_CODES_SHOWN) {
                sb.append(", …");
                break;
            }
            if (n++ > 0) {
                sb.append(", ");
            }
            sb.append(value);
        }
        return sb.toString();
    }
}
