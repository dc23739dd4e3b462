package org.vnemr.fhir.index;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;

/**
 * Micro-benchmark of the write-path indexer on a typical Observation and Patient, single thread, warm; prints
 * µs per resource, beside HAPI parse + FHIRPath of the same parameters for comparison. No assertions:
 * run it by hand ({@code java -cp <test classpath> org.vnemr.fhir.index.JsonIndexerBenchmark}).
 */
public final class JsonIndexerBenchmark {

    static final String OBSERVATION = """
            {"resourceType":"Observation","id":"obs-1","meta":{"profile":["http://fhir.vn/core/StructureDefinition/vn-core-observation"],
             "tag":[{"system":"urn:vnemr:tag","code":"kham-benh"}],"source":"urn:vnemr:node1"},
             "status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs","display":"Dấu hiệu sinh tồn"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"8310-5","display":"Body temperature"}],"text":"Nhiệt độ"},
             "subject":{"reference":"Patient/bn-000123","display":"Nguyễn Văn Ân"},
             "encounter":{"reference":"Encounter/dt-2024-000456"},
             "effectiveDateTime":"2024-03-05T08:15:00+07:00","issued":"2024-03-05T08:20:12.345+07:00",
             "performer":[{"reference":"Practitioner/bs-0042"}],
             "valueQuantity":{"value":38.6,"unit":"°C","system":"http://unitsofmeasure.org","code":"Cel"},
             "interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"H","display":"High"}],"text":"Sốt"}],
             "referenceRange":[{"low":{"value":36.0,"unit":"°C","system":"http://unitsofmeasure.org","code":"Cel"},
               "high":{"value":37.5,"unit":"°C","system":"http://unitsofmeasure.org","code":"Cel"}}]}""";

    static final String PATIENT = """
            {"resourceType":"Patient","id":"bn-000123","meta":{"profile":["http://fhir.vn/core/StructureDefinition/vn-core-patient"],
             "source":"urn:vnemr:node1"},
             "extension":[{"url":"http://fhir.vn/core/StructureDefinition/ethnicity","valueCoding":{"system":"urn:vn:dan-toc","code":"01","display":"Kinh"}}],
             "identifier":[{"use":"official","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"NI"}],"text":"Căn cước công dân"},
               "system":"urn:vn:cccd","value":"001090012345"},
              {"type":{"text":"Thẻ BHYT"},"system":"urn:vn:bhyt","value":"DN4010123456789"},
              {"system":"urn:vnemr:mrn","value":"BN-000123"}],
             "active":true,
             "name":[{"use":"official","text":"Nguyễn Văn Ân","family":"Nguyễn","given":["Văn","Ân"]}],
             "telecom":[{"system":"phone","value":"0912345678","use":"mobile"},{"system":"email","value":"an.nguyen@example.vn"}],
             "gender":"male","birthDate":"1985-07-14",
             "address":[{"use":"home","line":["Số 12 ngõ 34 Hàng Bài","Phường Hàng Bài"],"district":"Quận Hoàn Kiếm","city":"Hà Nội","country":"VN"}],
             "maritalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-MaritalStatus","code":"M"}]},
             "contact":[{"relationship":[{"text":"Vợ"}],"name":{"family":"Trần","given":["Thị","Bình"]},"telecom":[{"system":"phone","value":"0987654321"}]}],
             "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"vi"}]}}],
             "generalPractitioner":[{"reference":"Practitioner/bs-0042"}],
             "managingOrganization":{"reference":"Organization/bv-01001"}}""";

    private JsonIndexerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FhirContext fhirContext = FhirContext.forR4Cached();
        SearchParamCatalog catalog = new SearchParamCatalog(fhirContext);
        JsonResourceIndexer indexer = new JsonResourceIndexer(catalog);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode observation = (ObjectNode) mapper.readTree(OBSERVATION);
        ObjectNode patient = (ObjectNode) mapper.readTree(PATIENT);

        System.out.println("Observation columns: " + indexer.index(observation).asMap().size()
                + ", Patient columns: " + indexer.index(patient).asMap().size());
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d: Observation %.1f µs, Patient %.1f µs per resource (compiled index)%n", round,
                    measure(indexer, observation), measure(indexer, patient));
        }
        System.out.printf("for comparison, HAPI parse + FHIRPath of all parameters: Observation %.0f µs, Patient %.0f µs%n",
                measureHapi(fhirContext, catalog, OBSERVATION), measureHapi(fhirContext, catalog, PATIENT));
    }

    private static double measure(JsonResourceIndexer indexer, ObjectNode resource) {
        long sink = 0;
        for (int i = 0; i < 100_000; i++) {
            sink += indexer.index(resource).asMap().size();
        }
        int n = 300_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += indexer.index(resource).asMap().size();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return elapsed / 1000.0 / n;
    }

    private static double measureHapi(FhirContext fhirContext, SearchParamCatalog catalog, String json) throws Exception {
        IFhirPath fhirPath = fhirContext.newFhirPath();
        String type = new ObjectMapper().readTree(json).get("resourceType").asText();
        var parsed = new java.util.ArrayList<IFhirPath.IParsedExpression>();
        for (SearchParam param : catalog.params(type).values()) {
            parsed.add(fhirPath.parse(param.expression()));
        }
        long sink = 0;
        int n = 3_000;
        long start = 0;
        for (int i = 0; i < 2 * n; i++) {
            if (i == n) {
                start = System.nanoTime();
            }
            IBaseResource resource = fhirContext.newJsonParser().parseResource(json);
            for (IFhirPath.IParsedExpression expression : parsed) {
                try {
                    sink += fhirPath.evaluate(resource, expression, IBase.class).size();
                } catch (RuntimeException e) {
                    sink++;
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return elapsed / 1000.0 / n;
    }
}
