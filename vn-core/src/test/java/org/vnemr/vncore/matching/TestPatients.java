package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;

/** Builds Patient JSON for tests, in the shape the registration form and the VN Core profile give. */
final class TestPatients {

    private final ObjectNode patient = FhirJson.MAPPER.createObjectNode();

    private TestPatients() {
        patient.put("resourceType", "Patient");
    }

    static TestPatients patient() {
        return new TestPatients();
    }

    /** A full name in Vietnamese order: the first word is the family name, the rest given names. */
    TestPatients name(String fullName) {
        String[] words = fullName.trim().split("\\s+");
        ObjectNode name = patient.withArray("name").addObject();
        name.put("use", "official");
        name.put("text", fullName);
        name.put("family", words[0]);
        ArrayNode given = name.putArray("given");
        for (int i = 1; i < words.length; i++) {
            given.add(words[i]);
        }
        return this;
    }

    TestPatients id(String id) {
        patient.put("id", id);
        return this;
    }

    TestPatients born(String date) {
        patient.put("birthDate", date);
        return this;
    }

    TestPatients sex(String gender) {
        patient.put("gender", gender);
        return this;
    }

    TestPatients cccd(String value) {
        return identifier(IdentifierKeys.CCCD_SYSTEM, value);
    }

    TestPatients bhyt(String value) {
        return identifier(IdentifierKeys.BHYT_SYSTEM, value);
    }

    TestPatients passport(String value) {
        return identifier(IdentifierKeys.PASSPORT_SYSTEM, value);
    }

    TestPatients identifier(String system, String value) {
        patient.withArray("identifier").addObject().put("system", system).put("value", value);
        return this;
    }

    TestPatients phone(String value) {
        patient.withArray("telecom").addObject().put("system", "phone").put("value", value);
        return this;
    }

    TestPatients ward(String ward, String province) {
        ObjectNode address = patient.withArray("address").addObject();
        ArrayNode extensions = address.putArray("extension");
        extensions.addObject().put("url", PatientFacts.WARD_EXTENSION).putObject("valueCoding")
                .put("system", "http://fhir.hl7.org.vn/core/CodeSystem/vn-ward-cs").put("code", ward);
        extensions.addObject().put("url", PatientFacts.PROVINCE_EXTENSION).putObject("valueCoding")
                .put("system", "http://fhir.hl7.org.vn/core/CodeSystem/vn-province-cs").put("code", province);
        address.put("country", "VN");
        return this;
    }

    ObjectNode json() {
        return patient.deepCopy();
    }

    String text() {
        return FhirJson.write(patient);
    }

    PatientFacts facts() {
        return PatientFacts.of(patient);
    }
}
