package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.error.FhirError;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FastStructureValidatorTest {

    private static final FastStructureValidator VALIDATOR = new FastStructureValidator(FhirContext.forR4Cached());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> validate(String text) {
        return VALIDATOR.validate(json(text));
    }

    private static String code(OperationOutcome.OperationOutcomeIssueComponent issue) {
        return issue.getDetails().getCodingFirstRep().getCode();
    }

    private static String path(OperationOutcome.OperationOutcomeIssueComponent issue) {
        return issue.getExpression().get(0).getValue();
    }

    private static OperationOutcome.OperationOutcomeIssueComponent single(String text) {
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = validate(text);
        assertThat(issues).as("issues of %s", text).hasSize(1);
        return issues.get(0);
    }

    private static final String OBSERVATION = "'resourceType':'Observation','status':'final','code':{'text':'Mạch'}";

    @Test
    void validate_validObservationHasNoIssues() {
        assertThat(validate("{" + OBSERVATION + ",'subject':{'reference':'Patient/1'},"
                + "'valueQuantity':{'value':72,'unit':'/min'},'effectiveDateTime':'2026-11-25T08:30:00+07:00'}"))
                .isEmpty();
    }

    @Test
    void validate_missingRequiredStatusIsAnError() {
        var issue = single("{'resourceType':'Observation','code':{'text':'Mạch'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1107");
        assertThat(path(issue)).isEqualTo("Observation.status");
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getDetails().getText()).isEqualTo("Thiếu trường bắt buộc Observation.status.");
        assertThat(issue.getDiagnostics()).isEqualTo("VNEMR-1107: Required element Observation.status is missing.");
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(FhirError.CODE_SYSTEM);
    }

    @Test
    void validate_unknownResourceTypeIsRefused() {
        assertThat(code(single("{'resourceType':'Patientt'}"))).isEqualTo("VNEMR-1100");
        assertThat(code(single("{'id':'1'}"))).isEqualTo("VNEMR-1101");
    }

    @Test
    void validate_unknownElementNamesThePath() {
        var issue = single("{'resourceType':'Patient','name':[{'family':'Nguyễn','given':['An'],'middle':'Văn'}]}");
        assertThat(code(issue)).isEqualTo("VNEMR-1102");
        assertThat(path(issue)).isEqualTo("Patient.name[0].middle");
        assertThat(issue.getDetails().getText()).contains("Patient.name[0].middle");
    }

    @Test
    void validate_pathOfAnArrayItemCarriesItsIndex() {
        var issue = single("{'resourceType':'Patient','name':[{'given':['An','']}]}");
        assertThat(code(issue)).isEqualTo("VNEMR-1115");
        assertThat(path(issue)).isEqualTo("Patient.name[0].given[1]");
    }

    @Test
    void validate_repeatingElementMustBeAnArrayAndSingleMustNot() {
        assertThat(code(single("{'resourceType':'Patient','name':{'family':'Trần'}}"))).isEqualTo("VNEMR-1104");
        assertThat(code(single("{'resourceType':'Patient','gender':['male']}"))).isEqualTo("VNEMR-1105");
        assertThat(code(single("{'resourceType':'Patient','name':[]}"))).isEqualTo("VNEMR-1106");
        assertThat(code(single("{'resourceType':'Patient','gender':null}"))).isEqualTo("VNEMR-1109");
        assertThat(code(single("{'resourceType':'Patient','maritalStatus':'M'}"))).isEqualTo("VNEMR-1103");
        assertThat(code(single("{'resourceType':'Patient','maritalStatus':{}}"))).isEqualTo("VNEMR-1127");
    }

    @Test
    void validate_nullOnlyInsidePrimitiveArrayPairedWithExtensions() {
        assertThat(validate("{'resourceType':'Patient','name':[{'given':['An',null],"
                + "'_given':[null,{'extension':[{'url':'http://x.org/e','valueString':'Bình'}]}]}]}")).isEmpty();
        var issue = single("{'resourceType':'Patient','name':[{'given':['An',null]}]}");
        assertThat(code(issue)).isEqualTo("VNEMR-1109");
        assertThat(path(issue)).isEqualTo("Patient.name[0].given[1]");
        assertThat(code(single("{'resourceType':'Patient','name':[{'given':['An'],'_given':[null,{'id':'a'}]}]}")))
                .isEqualTo("VNEMR-1126");
    }

    @Test
    void validate_primitiveExtensionSiblingIsAllowedOnlyForPrimitives() {
        assertThat(validate("{'resourceType':'Patient','birthDate':'1970-03-30','_birthDate':{'extension':[{"
                + "'url':'http://hl7.org/fhir/StructureDefinition/patient-birthTime',"
                + "'valueDateTime':'1970-03-30T14:35:45-05:00'}]}}")).isEmpty();
        assertThat(validate("{'resourceType':'Patient','_gender':{'extension':[{'url':'http://x.org/e',"
                + "'valueCode':'x'}]}}")).isEmpty();
        var issue = single("{'resourceType':'Patient','_name':{'id':'x'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1102");
        assertThat(path(issue)).isEqualTo("Patient._name");
    }

    @Test
    void validate_extensionNeedsUrlAndExactlyOneOfValueOrExtensions() {
        assertThat(code(single("{'resourceType':'Patient','extension':[{'valueString':'x'}]}")))
                .isEqualTo("VNEMR-1119");
        assertThat(code(single("{'resourceType':'Patient','extension':[{'url':'http://x.org/e','valueString':'x',"
                + "'extension':[{'url':'a','valueCode':'b'}]}]}"))).isEqualTo("VNEMR-1120");
        assertThat(code(single("{'resourceType':'Patient','extension':[{'url':'http://x.org/e'}]}")))
                .isEqualTo("VNEMR-1121");
        var two = single("{'resourceType':'Patient','extension':[{'url':'http://x.org/e','valueString':'x',"
                + "'valueCode':'y'}]}");
        assertThat(code(two)).isEqualTo("VNEMR-1110");
        assertThat(path(two)).isEqualTo("Patient.extension[0].value[x]");
        assertThat(validate("{'resourceType':'Patient','modifierExtension':[{'url':'http://x.org/e',"
                + "'valueNarrative':{'status':'generated','div':'<div/>'}}]}"))
                .extracting(FastStructureValidatorTest::code).contains("VNEMR-1129");
    }

    @Test
    void validate_choiceElementTakesOneValidType() {
        var two = single("{" + OBSERVATION + ",'valueString':'a','valueBoolean':true}");
        assertThat(code(two)).isEqualTo("VNEMR-1110");
        assertThat(path(two)).isEqualTo("Observation.value[x]");
        var wrong = single("{" + OBSERVATION + ",'valueMoney':{'value':1}}");
        assertThat(code(wrong)).isEqualTo("VNEMR-1129");
        assertThat(wrong.getDiagnostics()).contains("Money");
        var nested = single("{" + OBSERVATION + ",'valueQuantity':{'value':'72'}}");
        assertThat(path(nested)).isEqualTo("Observation.value.ofType(Quantity).value");
    }

    @Test
    void validate_requiredChoiceElementMustBePresent() {
        var issue = single("{'resourceType':'MedicationRequest','status':'active','intent':'order',"
                + "'subject':{'reference':'Patient/1'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1107");
        assertThat(path(issue)).isEqualTo("MedicationRequest.medication[x]");
    }

    @Test
    void validate_primitiveFormatsAreChecked() {
        assertThat(code(single("{'resourceType':'Patient','active':'true'}"))).isEqualTo("VNEMR-1111");
        assertThat(code(single("{'resourceType':'Patient','birthDate':'30/03/1970'}"))).isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','birthDate':'1970-13-01'}"))).isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','deceasedDateTime':'2026-11-25T08:30:00'}")))
                .as("a dateTime with a time needs a zone").isEqualTo("VNEMR-1112");
        assertThat(validate("{'resourceType':'Patient','deceasedDateTime':'2026-11'}")).isEmpty();
        assertThat(code(single("{" + OBSERVATION + ",'issued':'2026-11-25'}"))).isEqualTo("VNEMR-1112");
        assertThat(validate("{" + OBSERVATION + ",'issued':'2026-11-25T01:02:03.123Z'}")).isEmpty();
        assertThat(code(single("{" + OBSERVATION + ",'valueTime':'25:00:00'}"))).isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','id':'a_b'}"))).isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','language':' vi'}"))).isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','implicitRules':'http://x .org'}")))
                .isEqualTo("VNEMR-1112");
        assertThat(code(single("{'resourceType':'Patient','multipleBirthInteger':1.5}"))).isEqualTo("VNEMR-1111");
        assertThat(code(single("{'resourceType':'Patient','multipleBirthInteger':3000000000}")))
                .isEqualTo("VNEMR-1113");
        assertThat(code(single("{'resourceType':'Patient','photo':[{'size':-1}]}"))).isEqualTo("VNEMR-1113");
        assertThat(code(single("{'resourceType':'Patient','photo':[{'data':'abc'}]}"))).isEqualTo("VNEMR-1112");
        assertThat(validate("{'resourceType':'Patient','photo':[{'data':'aGVsbG8='}]}")).isEmpty();
        assertThat(code(single("{'resourceType':'Patient','name':[{'text':''}]}"))).isEqualTo("VNEMR-1115");
    }

    @Test
    void validate_codeOutsideRequiredBindingIsRefused() {
        var issue = single("{'resourceType':'Patient','gender':'nam'}");
        assertThat(code(issue)).isEqualTo("VNEMR-1114");
        assertThat(path(issue)).isEqualTo("Patient.gender");
        assertThat(issue.getDiagnostics()).contains("male", "female", "other", "unknown");
        assertThat(code(single("{'resourceType':'Observation','status':'done','code':{'text':'x'}}")))
                .isEqualTo("VNEMR-1114");
        assertThat(code(single("{'resourceType':'Encounter','status':'open','class':{'code':'IMP'}}")))
                .isEqualTo("VNEMR-1114");
    }

    @Test
    void validate_codeableConceptOutsideRequiredBindingIsRefused() {
        String condition = "{'resourceType':'Condition','subject':{'reference':'Patient/1'},'clinicalStatus':"
                + "{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-clinical','code':'%s'}]}}";
        assertThat(validate(condition.formatted("active"))).isEmpty();
        var issue = single(condition.formatted("dang-dieu-tri"));
        assertThat(code(issue)).isEqualTo("VNEMR-1114");
        assertThat(path(issue)).isEqualTo("Condition.clinicalStatus.coding[0].code");
        var otherSystem = single("{'resourceType':'Condition','subject':{'reference':'Patient/1'},'clinicalStatus':"
                + "{'coding':[{'system':'http://snomed.info/sct','code':'55561003'}]}}");
        assertThat(code(otherSystem)).isEqualTo("VNEMR-1130");
        assertThat(path(otherSystem)).isEqualTo("Condition.clinicalStatus");
    }

    @Test
    void validate_withoutDefinitionsChecksOnlyEnumeratedCodes() {
        FastStructureValidator light = new FastStructureValidator(FhirContext.forR4Cached(), null);
        assertThat(light.validate(json("{'resourceType':'Condition','subject':{'reference':'Patient/1'},"
                + "'clinicalStatus':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-clinical',"
                + "'code':'x'}]}}"))).isEmpty();
        assertThat(light.validate(json("{'resourceType':'Patient','gender':'nam'}")))
                .extracting(FastStructureValidatorTest::code).containsExactly("VNEMR-1114");
    }

    @Test
    void validate_referenceToWrongTypeIsRefused() {
        var issue = single("{" + OBSERVATION + ",'subject':{'reference':'Medication/1'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1118");
        assertThat(path(issue)).isEqualTo("Observation.subject.reference");
        assertThat(issue.getDiagnostics()).contains("Medication", "Patient", "Group");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'http://a.org/fhir/Medication/1'}}")))
                .isEqualTo("VNEMR-1118");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'Medication?code=1'}}")))
                .isEqualTo("VNEMR-1118");
    }

    @Test
    void validate_referenceFormsAreChecked() {
        for (String ok : List.of("Patient/1", "Patient/1/_history/2", "http://a.org/fhir/Patient/1",
                "urn:uuid:6f1d2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "urn:oid:1.2.840.10008",
                "Patient?identifier=http://vnemr.org/cccd|001")) {
            assertThat(validate("{" + OBSERVATION + ",'subject':{'reference':'" + ok + "'}}")).as(ok).isEmpty();
        }
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'Patient/a b'}}")))
                .isEqualTo("VNEMR-1116");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'urn:uuid:123'}}")))
                .isEqualTo("VNEMR-1116");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'Patient'}}")))
                .isEqualTo("VNEMR-1116");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'Patien/1'}}")))
                .isEqualTo("VNEMR-1117");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'Foo?x=1'}}")))
                .isEqualTo("VNEMR-1117");
    }

    @Test
    void validate_localReferenceMustMatchAContainedResource() {
        String contained = ",'contained':[{'resourceType':'Patient','id':'p1',"
                + "'managingOrganization':{'reference':'#'}}]";
        assertThat(validate("{" + OBSERVATION + contained + ",'subject':{'reference':'#p1'}}")).isEmpty();
        var issue = single("{" + OBSERVATION + contained + ",'subject':{'reference':'#p2'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1131");
        assertThat(path(issue)).isEqualTo("Observation.subject.reference");
        assertThat(code(single("{" + OBSERVATION + ",'subject':{'reference':'#p1'}}"))).isEqualTo("VNEMR-1131");
    }

    @Test
    void validate_choiceReferenceKnowsItsTargets() {
        assertThat(validate("{" + OBSERVATION + ",'note':[{'authorReference':{'reference':'Practitioner/1'},"
                + "'text':'x'}]}")).isEmpty();
        assertThat(code(single("{" + OBSERVATION + ",'note':[{'authorReference':{'reference':'Device/1'},"
                + "'text':'x'}]}"))).isEqualTo("VNEMR-1118");
    }

    @Test
    void validateAndCollect_returnsEveryReferenceWithItsAllowedTypes() {
        ValidationReport report = VALIDATOR.validateAndCollect(json("{" + OBSERVATION
                + ",'subject':{'reference':'urn:uuid:6f1d2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b'},"
                + "'performer':[{'display':'BS. An'},{'reference':'Practitioner/7'}],"
                + "'contained':[{'resourceType':'Specimen','id':'s1','subject':{'reference':'Patient/9'}}],"
                + "'specimen':{'reference':'#s1'},'focus':[{'reference':'Condition/3'}]}"));
        assertThat(report.issues()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.references()).extracting(FoundReference::path, FoundReference::reference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Observation.subject",
                                "urn:uuid:6f1d2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b"),
                        org.assertj.core.groups.Tuple.tuple("Observation.performer[1]", "Practitioner/7"),
                        org.assertj.core.groups.Tuple.tuple("Observation.contained[0].subject", "Patient/9"),
                        org.assertj.core.groups.Tuple.tuple("Observation.specimen", "#s1"),
                        org.assertj.core.groups.Tuple.tuple("Observation.focus[0]", "Condition/3"));
        assertThat(report.references().get(0).targetTypes()).containsExactlyInAnyOrder("Patient", "Group",
                "Device", "Location");
        assertThat(report.references().get(4).targetTypes()).as("any type").isEmpty();
    }

    @Test
    void validate_containedResourcesAreValidatedRecursively() {
        var issue = single("{" + OBSERVATION + ",'contained':[{'resourceType':'Patient','id':'p','gender':'x'}]}");
        assertThat(code(issue)).isEqualTo("VNEMR-1114");
        assertThat(path(issue)).isEqualTo("Observation.contained[0].gender");
        assertThat(code(single("{" + OBSERVATION + ",'contained':[{'resourceType':'Patient','id':'p',"
                + "'contained':[{'resourceType':'Patient','id':'q'}]}]}"))).isEqualTo("VNEMR-1128");
        assertThat(code(single("{'resourceType':'Bundle','type':'collection','entry':[{'resource':"
                + "{'resourceType':'Observation','code':{'text':'x'}}}]}"))).isEqualTo("VNEMR-1107");
    }

    @Test
    void validate_narrativeNeedsDiv() {
        var issue = single("{'resourceType':'Patient','text':{'status':'generated'}}");
        assertThat(code(issue)).isEqualTo("VNEMR-1107");
        assertThat(path(issue)).isEqualTo("Patient.text.div");
        assertThat(code(single("{'resourceType':'Patient','text':{'status':'generated','div':'<p>x</p>'}}")))
                .isEqualTo("VNEMR-1122");
        assertThat(validate("{'resourceType':'Patient','text':{'status':'generated',"
                + "'div':'<div xmlns=\\'http://www.w3.org/1999/xhtml\\'>Bệnh nhân online = có</div>'}}")).isEmpty();
    }

    @Test
    void validate_narrativeWithScriptIsRefused() {
        assertThat(code(single("{'resourceType':'Patient','text':{'status':'generated',"
                + "'div':'<div><SCRIPT>alert(1)</SCRIPT></div>'}}"))).isEqualTo("VNEMR-1123");
        assertThat(code(single("{'resourceType':'Patient','text':{'status':'generated',"
                + "'div':'<div><a href=\\'JavaScript:alert(1)\\'>x</a></div>'}}"))).isEqualTo("VNEMR-1123");
        var event = single("{'resourceType':'Patient','text':{'status':'generated',"
                + "'div':'<div><img src=\\'x\\' onerror = \\'alert(1)\\'/></div>'}}");
        assertThat(code(event)).isEqualTo("VNEMR-1124");
        assertThat(event.getDiagnostics()).contains("onerror");
    }

    @Test
    void messages_everyValidationCodeHasVietnameseAndEnglish() {
        for (int n = 1100; n <= 1131; n++) {
            String code = "VNEMR-" + n;
            assertThat(org.vnemr.fhir.error.Messages.allVietnamese()).containsKey(code);
            assertThat(org.vnemr.fhir.error.Messages.allEnglish()).containsKey(code);
        }
    }
}
