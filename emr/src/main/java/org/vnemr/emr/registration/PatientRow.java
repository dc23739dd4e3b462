package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.vnemr.vncore.VnCoreUrls;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/** One patient as the registration desk lists it: the CCCD masked except its last 4 digits. */
public record PatientRow(String id, String name, String birthDate, String sex, String cccd, String address,
                         String mrn, String phone, Integer age) {

    static PatientRow of(Patient p, LocalDate today) {
        String name = p.getNameFirstRep().hasText() ? p.getNameFirstRep().getText()
                : p.getNameFirstRep().getNameAsSingleString();
        LocalDate birth = p.hasBirthDate() ? LocalDate.parse(p.getBirthDateElement().getValueAsString()
                .substring(0, 10)) : null;
        String cccd = identifier(p, VnCoreUrls.SID_CCCD);
        String masked = cccd == null || cccd.length() < 4 ? cccd : "•".repeat(cccd.length() - 4)
                + cccd.substring(cccd.length() - 4);
        String address = p.hasAddress() ? p.getAddressFirstRep().getText() : "";
        String phone = p.getTelecom().stream().filter(t -> t.getSystem() != null
                && "phone".equals(t.getSystem().toCode())).map(t -> t.getValue()).filter(java.util.Objects::nonNull).findFirst().orElse("");
        return new PatientRow(p.getIdElement().getIdPart(), name, PatientForm.shown(birth), sex(p), masked, address,
                identifier(p, PatientForm.MRN_SYSTEM), phone,
                birth == null ? null : Period.between(birth, today).getYears());
    }

    static String sex(Patient p) {
        if (p.getGender() == null) {
            return "";
        }
        return switch (p.getGender()) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            default -> "Khác";
        };
    }

    static String identifier(Patient p, String system) {
        return p.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    static ZoneId zone() {
        return org.vnemr.emr.charges.Coverages.VIETNAM;
    }
}
