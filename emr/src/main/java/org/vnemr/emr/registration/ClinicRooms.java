package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.vncore.VnCoreUrls;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Phòng khám and the facility as set up per the contract: Location type text {@code phong-kham}, Organization/facility. */
public class ClinicRooms {

    public static final String ROOM_SYSTEM = "https://vnemr.org/fhir/sid/phong-kham";

    private final ClinicalStore store;

    public ClinicRooms(ClinicalStore store) {
        this.store = store;
    }

    /** Active clinic rooms, by name. */
    public List<Location> rooms() {
        // the database picks the clinic rooms (type text), so a facility's hundreds of beds are not read for it
        return store.searchReference(Location.class, Map.of("type:text", List.of("phong-kham"),
                        "_count", List.of("1000"))).stream()
                .filter(l -> "phong-kham".equals(l.getTypeFirstRep().getText()))
                .filter(l -> l.getStatus() != Location.LocationStatus.INACTIVE)
                .sorted(Comparator.comparing(Location::getName, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    public Optional<Location> room(String id) {
        return store.readReference(Location.class, id)
                .filter(l -> "phong-kham".equals(l.getTypeFirstRep().getText()));
    }

    /** The room's code for the queue number: its {@code phong-kham} identifier, else its id. */
    public static String code(Location room) {
        return room.getIdentifier().stream().filter(i -> ROOM_SYSTEM.equals(i.getSystem())).findFirst()
                .map(i -> i.getValue()).orElse(room.getIdElement().getIdPart());
    }

    /** MA_CSKCB of Organization/facility; {@code 00000} before the facility is set up. */
    public String facilityCode() {
        return store.readReference(Organization.class, "facility").flatMap(o -> o.getIdentifier().stream()
                .filter(i -> VnCoreUrls.SID_MA_CSKCB.equals(i.getSystem())).findFirst().map(i -> i.getValue()))
                .orElse("00000");
    }
}
