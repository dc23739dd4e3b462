package org.vnemr.emr.charges;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Ngày giường: the bed-days of an inpatient stay from its bed history ({@code Encounter.location[]} entries whose
 * Location is a bed, {@code physicalType} {@code bd}, with the catalogue code {@code MA_KHOA/MA_GIUONG} in its
 * {@code https://vnemr.org/fhir/sid/ma-giuong} identifier).
 *
 * <p>Counting rule (documented in docs/architecture/registration-charges.md): every calendar day (Vietnam time) from
 * the day the first bed was taken to the last day asked for, both included — the XML1 rule
 * SO_NGAY_DTRI = NGAY_RA − NGAY_VAO + 1 — is one bed-day, billed at that day's price to the bed the patient lay in
 * at the end of the day (on the day they leave, the bed they left). Days after the stay's end are not counted. Not
 * applied yet: the half-day split of QĐ 130 XML3 TYLE_TT_DV when a patient moves between two departments on the
 * same day, and shared beds (nằm ghép).
 */
public class BedDays {

    public static final String BED_CODE_SYSTEM = "https://vnemr.org/fhir/sid/ma-giuong";

    private final ClinicalStore store;

    public BedDays(ClinicalStore store) {
        this.store = store;
    }

    private record Stay(LocalDate from, LocalDate to, String code, Date start) {
    }

    /**
     * One billable per bed-day of {@code stay} after {@code billedThrough} (exclusive; null = from the start) up to
     * {@code upTo} (inclusive), each quantity 1, dated at noon of its day, service → the stay.
     */
    public List<ChargeCapture.Billable> bedDays(Encounter stay, LocalDate billedThrough, LocalDate upTo) {
        List<Stay> beds = new ArrayList<>();
        for (Encounter.EncounterLocationComponent entry : stay.getLocation()) {
            String ref = entry.getLocation().getReference();
            if (ref == null || !ref.startsWith("Location/") || entry.getPeriod().getStart() == null) {
                continue;
            }
            Optional<Location> bed = store.readReference(Location.class, ref.substring("Location/".length()));
            Optional<String> code = bed.filter(BedDays::isBed).flatMap(BedDays::bedCode);
            if (code.isEmpty()) {
                continue;
            }
            LocalDate from = day(entry.getPeriod().getStart());
            LocalDate to = entry.getPeriod().getEnd() == null ? upTo : day(entry.getPeriod().getEnd());
            beds.add(new Stay(from, to, code.get(), entry.getPeriod().getStart()));
        }
        beds.sort(Comparator.comparing(Stay::start));
        List<ChargeCapture.Billable> days = new ArrayList<>();
        if (beds.isEmpty()) {
            return days;
        }
        LocalDate last = upTo;
        if (stay.getPeriod().getEnd() != null && day(stay.getPeriod().getEnd()).isBefore(last)) {
            last = day(stay.getPeriod().getEnd());
        }
        LocalDate first = beds.get(0).from();
        if (billedThrough != null && !billedThrough.isBefore(first)) {
            first = billedThrough.plusDays(1);
        }
        Reference service = new Reference("Encounter/" + stay.getIdElement().getIdPart());
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Stay atEndOfDay = null;
            for (Stay s : beds) {
                if (!s.from().isAfter(d) && !s.to().isBefore(d)) {
                    atEndOfDay = s; // sorted by start: the latest bed taken by that day wins
                }
            }
            if (atEndOfDay != null) {
                days.add(new ChargeCapture.Billable(CatalogueKind.BED, atEndOfDay.code(), BigDecimal.ONE,
                        d.atTime(LocalTime.NOON).atZone(Coverages.VIETNAM).toInstant(), service));
            }
        }
        return days;
    }

    private static boolean isBed(Location location) {
        return location.getPhysicalType().getCoding().stream().anyMatch(c -> "bd".equals(c.getCode()));
    }

    private static Optional<String> bedCode(Location location) {
        return location.getIdentifier().stream().filter(i -> BED_CODE_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static LocalDate day(Date date) {
        return date.toInstant().atZone(Coverages.VIETNAM).toLocalDate();
    }
}
