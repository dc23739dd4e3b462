package org.vnemr.emr.chart;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A patient as one line of the chart search results: name, MRN, age, sex (and allergies when known). The screens
 * about one patient show the shared banner ({@code emr.patient.PatientBanner}) instead.
 */
public record PatientSummary(String id, String name, String mrn, String birthDate, String age, String sex,
                             List<String> allergies) {

    static final String MRN_SYSTEM = "https://vnemr.org/fhir/sid/ma-bn";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public static PatientSummary of(Patient patient, List<AllergyIntolerance> allergies) {
        String birth = null;
        String age = null;
        if (patient.hasBirthDate()) {
            LocalDate born = patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate();
            birth = DAY.format(born);
            Period p = Period.between(born, LocalDate.now(VIETNAM));
            // TT 26/2025: a child under 72 months is described in months
            age = p.toTotalMonths() < 72 ? p.toTotalMonths() + " tháng" : p.getYears() + " tuổi";
        }
        return new PatientSummary(patient.getIdElement().getIdPart(), name(patient),
                patient.getIdentifier().stream().filter(i -> MRN_SYSTEM.equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(null),
                birth, age, sex(patient.getGender()),
                allergies.stream().map(PatientSummary::allergy).toList());
    }

    static String name(Patient patient) {
        if (patient.getName().isEmpty()) {
            return "(không tên)";
        }
        HumanName name = patient.getNameFirstRep();
        if (name.hasText()) {
            return name.getText();
        }
        return (name.getFamily() == null ? "" : name.getFamily() + " ") + name.getGivenAsSingleString();
    }

    static String sex(Enumerations.AdministrativeGender gender) {
        if (gender == null) {
            return "";
        }
        return switch (gender) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            case OTHER -> "Khác";
            default -> "Chưa rõ";
        };
    }

    private static String allergy(AllergyIntolerance a) {
        if (a.getCode().hasText()) {
            return a.getCode().getText();
        }
        return a.getCode().getCoding().stream().map(c -> c.getDisplay() != null ? c.getDisplay() : c.getCode())
                .findFirst().orElse("?");
    }
}
