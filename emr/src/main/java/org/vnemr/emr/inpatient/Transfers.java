package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Giường và khoa của một đợt nội trú: leaving a bed (period closed, bed freed, its bed-days billed when the charges
 * feature is present) and taking one (new {@code location[]} entry, bed occupied, a department sub-encounter).
 * Transfers and discharge share these steps so the bed history stays the same shape.
 */
@Component
class Transfers {

    private final Stays stays;
    private final ObjectProvider<ChargeCapture> charges;

    Transfers(Stays stays, ObjectProvider<ChargeCapture> charges) {
        this.stays = stays;
        this.charges = charges;
    }

    /** A sub-encounter for the time the patient spends in one department (partOf the stay). */
    static Encounter departmentStay(Encounter stay, Organization department, Location bed, Date start) {
        Encounter part = new Encounter();
        part.setId("urn:uuid:" + UUID.randomUUID());
        part.setStatus(Encounter.EncounterStatus.INPROGRESS);
        part.setClass_(stay.getClass_().copy());
        part.setSubject(stay.getSubject().copy());
        part.setPartOf(new Reference(stay.getIdElement().getValue().startsWith("urn:")
                ? stay.getIdElement().getValue() : "Encounter/" + stay.getIdPart()));
        part.setServiceProvider(new Reference("Organization/" + department.getIdPart())
                .setDisplay(department.getName()));
        part.setPeriod(new Period().setStart(start));
        part.addLocation().setLocation(new Reference("Location/" + bed.getIdPart()).setDisplay(bed.getName()))
                .setStatus(Encounter.EncounterLocationStatus.ACTIVE).setPeriod(new Period().setStart(start));
        return part;
    }

    /**
     * Ends the current bed and department stay at {@code end}: adds to {@code writes} the freed bed, the finished
     * sub-encounter and the bed-day charges; changes {@code stay}'s location entry in place (the caller writes it).
     */
    void leave(Encounter stay, Date end, CurrentUser user, List<Resource> writes) {
        for (Encounter.EncounterLocationComponent l : stay.getLocation()) {
            if (l.getStatus() == Encounter.EncounterLocationStatus.ACTIVE) {
                l.setStatus(Encounter.EncounterLocationStatus.COMPLETED);
                l.getPeriod().setEnd(end);
                stays.bed(l.getLocation().getReference()).ifPresent(bed -> {
                    bed.setOperationalStatus(new Coding(Fhir.BED_STATUS, "U", "Unoccupied"));
                    writes.add(bed);
                    billBedDays(stay, bed, l.getPeriod().getStart(), end, writes);
                });
            }
        }
        stays.openDepartmentStay(stay, user).ifPresent(part -> {
            part.setStatus(Encounter.EncounterStatus.FINISHED);
            part.getPeriod().setEnd(end);
            part.getLocation().forEach(l -> {
                l.setStatus(Encounter.EncounterLocationStatus.COMPLETED);
                l.getPeriod().setEnd(end);
            });
            writes.add(part);
        });
    }

    /** Takes {@code bed} in {@code department} from {@code start}: stay updated in place, bed and sub-encounter added. */
    void take(Encounter stay, Organization department, Location bed, Date start, List<Resource> writes) {
        stay.addLocation().setLocation(new Reference("Location/" + bed.getIdPart()).setDisplay(bed.getName()))
                .setStatus(Encounter.EncounterLocationStatus.ACTIVE).setPeriod(new Period().setStart(start));
        stay.setServiceProvider(new Reference("Organization/" + department.getIdPart())
                .setDisplay(department.getName()));
        bed.setOperationalStatus(new Coding(Fhir.BED_STATUS, "O", "Occupied"));
        writes.add(bed);
        writes.add(departmentStay(stay, department, bed, start));
    }

    /**
     * Bed-days of one bed period, when the charges feature is installed. Days are counted as calendar days between
     * entering and leaving, at least one; the charges feature owns the finer BHYT counting rules.
     */
    private void billBedDays(Encounter stay, Location bed, Date start, Date end, List<Resource> writes) {
        String code = Fhir.identifier(bed.getIdentifier(), Fhir.MA_GIUONG);
        if (code == null || start == null) {
            return;
        }
        long days = Math.max(1, ChronoUnit.DAYS.between(Fhir.day(start), Fhir.day(end)));
        writes.addAll(CareCharges.forCare(charges, stay, List.of(new ChargeCapture.Billable(CatalogueKind.BED, code,
                BigDecimal.valueOf(days), end.toInstant(), new Reference("Encounter/" + stay.getIdPart())))));
    }
}
