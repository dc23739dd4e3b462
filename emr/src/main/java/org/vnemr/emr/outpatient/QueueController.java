package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.patient.PatientBanner;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hàng đợi phòng khám: the doctor picks a clinic room and sees today's waiting patients of that room in queue
 * order (refreshed every 20 s); "Gọi khám" starts the visit with the doctor as attending (ATND).
 */
@Controller
class QueueController {

    private final ClinicalStore store;
    private final Visits visits;

    QueueController(ClinicalStore store, Visits visits) {
        this.store = store;
        this.visits = visits;
    }

    /** One clinic room in the room choice. */
    public record Room(String id, String name, boolean mine) {
    }

    /** One waiting or examined patient in the room's queue. */
    public record QueueRow(String encounterId, String number, String name, String age, String sex, String reason,
                    String status, boolean inProgress) {
    }

    @GetMapping("/kham-benh")
    @Requires(Permission.VIEW)
    String rooms(@RequestParam(name = "phong", required = false) String roomId, CurrentUser user, Model model) {
        List<Room> rooms = rooms(user);
        model.addAttribute("rooms", rooms);
        Room chosen = rooms.stream().filter(r -> r.id().equals(roomId)).findFirst()
                .orElse(roomId == null && rooms.size() == 1 ? rooms.get(0) : null);
        model.addAttribute("room", chosen);
        model.addAttribute("queue", chosen == null ? List.of() : queue(chosen.id(), user));
        return "outpatient/queue";
    }

    @GetMapping("/kham-benh/hang-doi")
    @Requires(Permission.VIEW)
    String queueFragment(@RequestParam("phong") String roomId, CurrentUser user, Model model) {
        Room room = rooms(user).stream().filter(r -> r.id().equals(roomId)).findFirst()
                .orElseThrow(() -> new VisitNotFound(roomId));
        model.addAttribute("room", room);
        model.addAttribute("queue", queue(room.id(), user));
        return "outpatient/queue :: queue";
    }

    @PostMapping("/kham-benh/{encounterId}/goi-kham")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    String call(@PathVariable String encounterId, CurrentUser user) {
        Encounter e = visits.open(encounterId, user);
        boolean changed = false;
        if (e.getStatus() != Encounter.EncounterStatus.INPROGRESS) {
            e.setStatus(Encounter.EncounterStatus.INPROGRESS);
            changed = true;
        }
        String doctor = user.practitionerReference().orElse(null);
        if (doctor != null && e.getParticipant().stream().noneMatch(p -> doctor.equals(
                p.getIndividual().getReference()) && p.getType().stream().anyMatch(t -> t.hasCoding(
                VisitCodes.PARTICIPATION_TYPE, "ATND")))) {
            e.addParticipant().addType(attending())
                    .setIndividual(new Reference(doctor).setDisplay(user.displayName()))
                    .setPeriod(new Period().setStartElement(DateTimeType.now()));
            changed = true;
        }
        if (changed) {
            store.transaction(List.of(e), user);
        }
        return "redirect:/kham-benh/" + encounterId;
    }

    static CodeableConcept attending() {
        CodeableConcept type = new CodeableConcept();
        type.addCoding().setSystem(VisitCodes.PARTICIPATION_TYPE).setCode("ATND").setDisplay("attender");
        return type;
    }

    /** Clinic rooms of the doctor's departments first; all rooms when none is theirs (a doctor covering). */
    List<Room> rooms(CurrentUser user) {
        List<Room> rooms = new ArrayList<>();
        // the database picks the clinic rooms (type text), so a facility's hundreds of beds are not read for it
        for (Location l : store.searchReference(Location.class, Map.of("type:text", List.of("phong-kham"),
                "_count", List.of("500")))) {
            boolean clinic = l.getType().stream().anyMatch(t -> "phong-kham".equals(t.getText())
                    || t.getCoding().stream().anyMatch(c -> "phong-kham".equals(c.getCode())));
            if (!clinic) {
                continue;
            }
            String department = l.getManagingOrganization().getReferenceElement().getIdPart();
            rooms.add(new Room(l.getIdElement().getIdPart(), l.getName(),
                    department != null && user.departmentIds().contains(department)));
        }
        if (rooms.stream().anyMatch(Room::mine)) {
            rooms.removeIf(r -> !r.mine());
        }
        rooms.sort(Comparator.comparing(Room::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return rooms;
    }

    private List<QueueRow> queue(String roomId, CurrentUser user) {
        LocalDate today = LocalDate.now(Visits.VIETNAM);
        Map<String, List<String>> params = new HashMap<>();
        params.put("location", List.of("Location/" + roomId));
        params.put("status", List.of("arrived,in-progress"));
        params.put("class", List.of("AMB"));
        params.put("date", List.of("ge" + today));
        params.put("_include", List.of("Encounter:subject"));
        params.put("_count", List.of("300"));
        ClinicalStore.Page<Encounter> page = store.searchWithIncludes(Encounter.class, params, user);
        Map<String, Patient> patients = new HashMap<>();
        for (Resource r : page.included()) {
            if (r instanceof Patient p) {
                patients.put("Patient/" + p.getIdElement().getIdPart(), p);
            }
        }
        List<QueueRow> rows = new ArrayList<>();
        for (Encounter e : page.matches()) {
            Patient p = patients.get(e.getSubject().getReference());
            PatientBanner b = p == null ? null : PatientBanner.of(p, List.of(), null, today);
            rows.add(new QueueRow(e.getIdElement().getIdPart(), Visits.queueNumber(e), b == null ? "" : b.name(),
                    b == null ? "" : b.age(), b == null ? "" : b.sex(),
                    e.getReasonCodeFirstRep().getText(), e.getStatus() == Encounter.EncounterStatus.INPROGRESS
                    ? "Đang khám" : "Chờ khám", e.getStatus() == Encounter.EncounterStatus.INPROGRESS));
        }
        rows.sort(Comparator.comparingInt((QueueRow r) -> number(r.number())).thenComparing(QueueRow::encounterId));
        return rows;
    }

    private static int number(String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
