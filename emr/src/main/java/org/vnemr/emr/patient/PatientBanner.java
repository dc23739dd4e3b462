package org.vnemr.emr.patient;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coverage;
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
 * Băng thông tin người bệnh: what every clinical screen shows above its work so the doctor never mixes patients up
 * — name, age, sex, MRN, masked CCCD, allergies and the insurance card. Built from Patient, AllergyIntolerance and
 * Coverage only (docs/architecture/clinical-data.md); rendered by {@code templates/patient/banner.html :: banner}.
 *
 * @param age            "42 tuổi", or "30 tháng" under 6 years (how paediatric doses and the XML count age)
 * @param cccdMasked     the CCCD with its middle digits hidden (the banner is seen over the shoulder)
 * @param coverageNumber BHYT card number, or null without an active card
 * @param coverageValidity "dd/MM/yyyy – dd/MM/yyyy"
 * @param coverageExpired the card's validity ended before today
 * @param benefitLevel   mức hưởng "80" / "95" / "100", or null
 */
public record PatientBanner(String patientId, String name, String age, String sex, String birthDate, String mrn,
                            String cccdMasked, List<String> allergies, String coverageNumber,
                            String coverageValidity, boolean coverageExpired, String benefitLevel) {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String SID_MRN = "https://vnemr.org/fhir/sid/ma-bn";
    static final String SID_CCCD = "http://fhir.hl7.org.vn/core/sid/cccd";
    static final String SID_BHYT = "http://fhir.hl7.org.vn/core/sid/bhyt";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public PatientBanner {
        allergies = List.copyOf(allergies);
    }

    /** The banner of {@code patient} on {@code today}; {@code coverage} may be null. */
    public static PatientBanner of(Patient patient, List<AllergyIntolerance> allergies, Coverage coverage,
                                   LocalDate today) {
        String name = patient.getName().stream().findFirst().map(PatientBanner::nameOf).orElse("");
        LocalDate born = patient.hasBirthDate()
                ? patient.getBirthDate().toInstant().atZone(VIETNAM).toLocalDate() : null;
        List<String> allergyTexts = allergies.stream()
                .filter(a -> !a.hasVerificationStatus() || !"entered-in-error".equals(
                        a.getVerificationStatus().getCodingFirstRep().getCode()))
                .map(a -> a.getCode().hasText() ? a.getCode().getText() : a.getCode().getCodingFirstRep().getDisplay())
                .filter(t -> t != null && !t.isBlank()).toList();
        String number = null;
        String validity = null;
        boolean expired = false;
        String level = null;
        if (coverage != null) {
            number = coverage.getIdentifier().stream().filter(i -> SID_BHYT.equals(i.getSystem()))
                    .map(Identifier::getValue).findFirst().orElse(null);
            if (coverage.hasPeriod()) {
                LocalDate from = day(coverage.getPeriod().getStart());
                LocalDate to = day(coverage.getPeriod().getEnd());
                validity = (from == null ? "…" : DAY.format(from)) + " – " + (to == null ? "…" : DAY.format(to));
                expired = to != null && to.isBefore(today);
            }
            level = coverage.getClass_().stream().filter(c -> "muc-huong".equals(c.getType().getText()))
                    .map(Coverage.ClassComponent::getValue).findFirst().orElse(null);
        }
        return new PatientBanner(patient.getIdElement().getIdPart(), name, age(born, today),
                sex(patient.getGender()), born == null ? "" : DAY.format(born),
                identifier(patient, SID_MRN), mask(identifier(patient, SID_CCCD)), allergyTexts, number, validity,
                expired, level);
    }

    /** "42 tuổi"; under 6 years the months ("30 tháng"), as paediatric care counts them. */
    static String age(LocalDate born, LocalDate today) {
        if (born == null) {
            return "";
        }
        Period p = Period.between(born, today);
        if (p.getYears() < 6) {
            return p.toTotalMonths() + " tháng";
        }
        return p.getYears() + " tuổi";
    }

    /** Keeps the first 3 digits (birth province) and the last 3, hides the rest. */
    static String mask(String cccd) {
        if (cccd == null || cccd.length() < 7) {
            return cccd == null ? "" : cccd;
        }
        return cccd.substring(0, 3) + "*".repeat(cccd.length() - 6) + cccd.substring(cccd.length() - 3);
    }

    private static String sex(Enumerations.AdministrativeGender gender) {
        if (gender == null) {
            return "";
        }
        return switch (gender) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            default -> "Khác";
        };
    }

    private static String nameOf(HumanName n) {
        if (n.hasText()) {
            return n.getText();
        }
        return (n.getFamily() == null ? "" : n.getFamily() + " ") + n.getGivenAsSingleString();
    }

    private static String identifier(Patient patient, String system) {
        return patient.getIdentifier().stream().filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    private static LocalDate day(java.util.Date date) {
        return date == null ? null : date.toInstant().atZone(VIETNAM).toLocalDate();
    }

    public boolean hasAllergies() {
        return !allergies.isEmpty();
    }
}
