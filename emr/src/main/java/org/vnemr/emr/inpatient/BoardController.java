package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bảng khoa {@code /noi-tru}: for each of the user's departments, its beds with their occupant and its patients. */
@Controller
public class BoardController {

    /** One bed on the board; {@code encounterId} is null when the bed is free. */
    public record BedRow(String name, String code, boolean free, String patient, String encounterId) {
    }

    /** One patient of the department. */
    public record PatientRow(String encounterId, String name, String mrn, String bed, String admitted,
                             String diagnosis) {
    }

    public record Board(String id, String name, List<BedRow> beds, List<PatientRow> patients) {
    }

    private final Stays stays;
    private final ClinicalStore store;

    public BoardController(Stays stays, ClinicalStore store) {
        this.stays = stays;
        this.store = store;
    }

    @GetMapping("/noi-tru")
    @Requires(Permission.VIEW)
    public String board(CurrentUser user, Model model) {
        List<Board> boards = new ArrayList<>();
        for (Organization department : stays.departments(user)) {
            Map<String, PatientRow> byBed = new HashMap<>();
            List<PatientRow> patients = new ArrayList<>();
            for (Encounter stay : stays.inDepartment(department.getIdPart(), user)) {
                Patient patient = store.read(Patient.class, stay.getSubject().getReferenceElement().getIdPart(), user)
                        .orElse(new Patient());
                String bedId = Stays.currentBed(stay).map(r -> r.getReferenceElement().getIdPart()).orElse(null);
                String bedName = Stays.currentBed(stay).map(r -> r.getDisplay()).orElse("");
                Stay shown = new Stay(stay, patient, department, null);
                PatientRow row = new PatientRow(stay.getIdPart(), shown.patientName(), shown.mrn(), bedName,
                        shown.admitted(), shown.diagnosis());
                patients.add(row);
                if (bedId != null) {
                    byBed.put(bedId, row);
                }
            }
            List<BedRow> beds = new ArrayList<>();
            for (Location bed : stays.beds(department.getIdPart())) {
                PatientRow occupant = byBed.get(bed.getIdPart());
                beds.add(new BedRow(bed.getName(), Fhir.identifier(bed.getIdentifier(), Fhir.MA_GIUONG),
                        Stays.free(bed), occupant == null ? null : occupant.name(),
                        occupant == null ? null : occupant.encounterId()));
            }
            boards.add(new Board(department.getIdPart(), department.getName(), beds, patients));
        }
        model.addAttribute("boards", boards);
        return "inpatient/board";
    }
}
