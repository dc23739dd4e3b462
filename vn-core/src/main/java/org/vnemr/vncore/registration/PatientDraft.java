package org.vnemr.vncore.registration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.VietnameseAddress;

import java.util.Arrays;
import java.util.List;

/**
 * Registration by scanning the card: a new Patient (vn-core-patient) from the CCCD QR code, for the clerk to
 * complete (ethnicity, phone, BHYT card) and save. Nothing is stored here.
 */
public final class PatientDraft {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PatientDraft() {
    }

    public static ObjectNode fromQr(CccdQrCode qr) {
        return fromQr(qr, AdministrativeUnits.bundled());
    }

    /**
     * The Patient: CCCD identifier (and the old CMND when the card has one), name split into family (first word)
     * and given names, gender, birth date, and the permanent address with its 2025 province and ward when the
     * text names them (a legacy address is mapped forward; what cannot be mapped stays in the text).
     */
    public static ObjectNode fromQr(CccdQrCode qr, AdministrativeUnits units) {
        ObjectNode patient = JSON.objectNode();
        patient.put("resourceType", "Patient");
        patient.putObject("meta").putArray("profile").add(VnCoreUrls.SD + "vn-core-patient");
        ArrayNode identifiers = patient.putArray("identifier");
        identifiers.add(identifier("CCCD", VnCoreUrls.SID_CCCD, qr.cccd().value(), "official"));
        if (qr.oldId() != null) {
            identifiers.add(identifier("CMND", VnCoreUrls.SID_CMND, qr.oldId(), "old"));
        }
        patient.put("active", true);
        ObjectNode name = patient.putArray("name").addObject();
        name.put("use", "official");
        name.put("text", qr.fullName());
        List<String> words = Arrays.asList(qr.fullName().split(" "));
        name.put("family", words.get(0));
        if (words.size() > 1) {
            ArrayNode given = name.putArray("given");
            words.subList(1, words.size()).forEach(given::add);
        }
        if (qr.sex() != null) {
            patient.put("gender", qr.sex().fhirGender());
        }
        if (qr.birthDate() != null) {
            patient.put("birthDate", qr.birthDate().toString());
        }
        if (qr.address() != null && !qr.address().isBlank()) {
            VietnameseAddress addresses = new VietnameseAddress(units);
            patient.putArray("address").add(addresses.toFhir(addresses.parseText(qr.address())));
        }
        return patient;
    }

    private static ObjectNode identifier(String type, String system, String value, String use) {
        ObjectNode id = JSON.objectNode();
        id.put("use", use);
        ObjectNode coding = id.putObject("type").putArray("coding").addObject();
        coding.put("system", VnCoreUrls.CS_IDENTIFIER_TYPE);
        coding.put("code", type);
        id.put("system", system);
        id.put("value", value);
        return id;
    }
}
