package org.vnemr.fhir.index;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.SearchParamType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the official R4 examples, the compiled extractors index exactly what HAPI's FHIRPath engine selects
 * for the same expressions (both results go through the same column writers, so this checks the paths).
 * The examples come from {@link org.vnemr.fhir.testing.R4Examples} (system property {@code vnemr.r4examples}, or fetched once with npm)
 * (default {@code target/r4-examples/package}: the unpacked {@code hl7.fhir.r4.examples} package).
 */
class JsonIndexerMatchesFhirPathTest {

    private static final List<String> SAMPLE_TYPES = List.of("Patient", "Observation", "Encounter", "Condition",
            "MedicationRequest", "Procedure", "Practitioner", "Organization", "Coverage", "ChargeItem", "Composition",
            "AllergyIntolerance", "ServiceRequest", "DiagnosticReport");

    /** HAPI's parser reads decimals through double; the compiled path keeps the JSON digits. */
    private static final MathContext DIGITS = new MathContext(15);

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private final SearchParamCatalog catalog = new SearchParamCatalog(fhirContext);
    private final JsonResourceIndexer indexer = new JsonResourceIndexer(catalog);
    private final FhirPathFallback converter = new FhirPathFallback(fhirContext);
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void index_r4ExamplesGiveTheSameValuesAsHapiFhirPath() throws IOException {
        Path dir = org.vnemr.fhir.testing.R4Examples.directory();

        IFhirPath fhirPath = fhirContext.newFhirPath();
        fhirPath.setEvaluationContext(new StubResolver());
        IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        List<String> mismatches = new ArrayList<>();
        int resources = 0;
        int comparisons = 0;
        int nonEmpty = 0;
        int rewritten = 0;
        // -Dvnemr.r4examples.allTypes=true compares every resource type of the catalogue (minutes, not seconds)
        List<String> types = Boolean.getBoolean("vnemr.r4examples.allTypes")
                ? List.copyOf(catalog.resourceTypes()) : SAMPLE_TYPES;
        for (String type : types) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().startsWith(type + "-")
                        && p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            for (Path file : files) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                ObjectNode tree = (ObjectNode) mapper.readTree(json);
                if (!type.equals(tree.path("resourceType").asText())) {
                    continue;
                }
                IBaseResource hapi;
                try {
                    hapi = parser.parseResource(json);
                } catch (RuntimeException e) {
                    continue;
                }
                resources++;
                for (SearchParam param : catalog.params(type).values()) {
                    Map<String, Object> compiled = normalise(param, indexer.indexParam(tree, param));
                    ColumnValues expected = ColumnValues.forParam(param);
                    List<IBase> results;
                    try {
                        results = fhirPath.evaluate(hapi, param.expression(), IBase.class);
                    } catch (RuntimeException e) {
                        // HAPI's union needs a UCUM service to compare quantities, which a bare context lacks:
                        // evaluate the branches one by one, as HAPI's own search-parameter extractor does
                        results = new ArrayList<>();
                        for (String branch : unionBranches(param.expression())) {
                            results.addAll(fhirPath.evaluate(hapi, branch, IBase.class));
                        }
                        rewritten++;
                    }
                    for (IBase result : results) {
                        var node = converter.toJson(result);
                        if (node != null) {
                            expected.accept(node, FhirPathFallback.fhirType(result));
                        }
                    }
                    IndexedValues expectedValues = new IndexedValues();
                    expected.writeTo(expectedValues);
                    Map<String, Object> viaHapi = normalise(param, expectedValues);
                    comparisons++;
                    if (!viaHapi.isEmpty()) {
                        nonEmpty++;
                    }
                    if (!compiled.equals(viaHapi)) {
                        mismatches.add(file.getFileName() + " " + param.name() + " [" + param.expression() + "]\n    compiled: "
                                + compiled + "\n    FHIRPath: " + viaHapi);
                    }
                }
            }
        }
        System.out.printf("compared %d parameter values (%d non-empty, %d evaluated branch by branch) over %d"
                + " example resources%n", comparisons, nonEmpty, rewritten, resources);
        mismatches.forEach(System.out::println);
        assertThat(resources).isGreaterThan(100);
        assertThat(mismatches).isEmpty();
    }

    private static List<String> unionBranches(String expression) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(expression.substring(start, i).strip());
                start = i + 1;
            }
        }
        branches.add(expression.substring(start).strip());
        return branches;
    }

    /** Order-insensitive view of the columns; quantities as value@unit pairs. */
    private static Map<String, Object> normalise(SearchParam param, IndexedValues values) {
        Map<String, Object> result = new TreeMap<>();
        if (param.type() == SearchParamType.QUANTITY) {
            BigDecimal[] numbers = (BigDecimal[]) values.get(param.column());
            String[] units = (String[]) values.get(param.column() + "_unit");
            if (numbers != null) {
                Set<String> pairs = new TreeSet<>();
                for (int i = 0; i < numbers.length; i++) {
                    pairs.add(numbers[i].round(DIGITS).stripTrailingZeros().toPlainString() + "@" + units[i]);
                }
                result.put(param.column(), pairs);
            }
            return result;
        }
        values.asMap().forEach((column, value) -> {
            if (value instanceof String[] array) {
                result.put(column, new TreeSet<>(Arrays.asList(array)));
            } else if (value instanceof BigDecimal[] numbers) {
                Set<String> set = new TreeSet<>();
                for (BigDecimal n : numbers) {
                    set.add(n.round(DIGITS).stripTrailingZeros().toPlainString());
                }
                result.put(column, set);
            } else if (value instanceof String s && s.startsWith("|")) {
                result.put(column, new TreeSet<>(Arrays.asList(s.substring(1).split("\\|"))));
            } else {
                result.put(column, value);
            }
        });
        return result;
    }

    /** {@code resolve()} yields an empty resource of the referenced type, enough for {@code is Type}. */
    private final class StubResolver implements IFhirPathEvaluationContext {
        @Override
        public IBase resolveReference(IIdType id, IBase context) {
            if (id == null || id.getResourceType() == null || !catalog.isResourceType(id.getResourceType())) {
                return null;
            }
            IBaseResource resource = fhirContext.getResourceDefinition(id.getResourceType()).newInstance();
            resource.setId(id.getIdPart());
            return resource;
        }
    }
}
