package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.signing.document.DocumentAmendments;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Các tờ điều trị của một đợt: reads the day sheets of a stay and knows their shape — which one replaced which
 * (an amendment of a signed sheet is a new Composition that {@code relatesTo replaces} the signed one, as
 * {@link DocumentAmendments} does), whether one is signed, and how the orders narrative is written.
 */
@Component
class TreatmentSheets {

    static final String TYPE = "to-dieu-tri";
    static final String COURSE = "dien-bien";
    static final String ORDERS = "y-lenh";

    private final ClinicalStore store;

    TreatmentSheets(ClinicalStore store) {
        this.store = store;
    }

    /** Every sheet of the stay, the replaced versions of amended sheets included. */
    List<Composition> all(Stay stay, CurrentUser user) {
        return store.search(Composition.class, Map.of("encounter", List.of("Encounter/" + stay.id()),
                "type", List.of(Fhir.DOCUMENT_TYPE + "|" + TYPE), "_count", List.of("500")), user);
    }

    /** The sheets in force: those no other sheet of the list replaces. */
    static List<Composition> current(List<Composition> all) {
        Set<String> replaced = new HashSet<>();
        for (Composition c : all) {
            replaced(c).ifPresent(replaced::add);
        }
        return all.stream().filter(c -> !replaced.contains(c.getIdPart())).toList();
    }

    /** A sheet of this stay by id; empty when it is not one. */
    Optional<Composition> sheet(Stay stay, String compositionId, CurrentUser user) {
        if (compositionId == null || !compositionId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return Optional.empty();
        }
        return store.read(Composition.class, compositionId, user)
                .filter(c -> ("Encounter/" + stay.id()).equals(c.getEncounter().getReference()))
                .filter(c -> c.getType().getCoding().stream().anyMatch(t -> Fhir.DOCUMENT_TYPE.equals(t.getSystem())
                        && TYPE.equals(t.getCode())));
    }

    /** The id of the sheet {@code c} replaces, if it is an amendment. */
    static Optional<String> replaced(Composition c) {
        return c.getRelatesTo().stream()
                .filter(r -> r.getCode() == Composition.DocumentRelationshipType.REPLACES)
                .filter(r -> r.hasTargetReference() && r.getTargetReference().getReference() != null
                        && r.getTargetReference().getReference().startsWith("Composition/"))
                .map(r -> r.getTargetReference().getReferenceElement().getIdPart()).findFirst();
    }

    /** The reason written on an amendment ({@link DocumentAmendments#REASON_EXTENSION}), if any. */
    static String amendmentReason(Composition c) {
        return c.getRelatesTo().stream()
                .filter(r -> r.getCode() == Composition.DocumentRelationshipType.REPLACES)
                .map(r -> r.getExtensionByUrl(DocumentAmendments.REASON_EXTENSION))
                .filter(e -> e != null && e.getValue() != null).map(e -> e.getValue().primitiveValue())
                .findFirst().orElse("");
    }

    /**
     * Signed sheets are frozen by the signing module (status {@code final}, later {@code amended}): they are never
     * changed in place, only replaced by an amendment.
     */
    static boolean signed(Composition c) {
        return c.getStatus() == Composition.CompositionStatus.FINAL
                || c.getStatus() == Composition.CompositionStatus.AMENDED;
    }

    /** Changed after it was first written: a later version of the same sheet, or an amendment of a signed one. */
    static boolean corrected(Composition c) {
        String version = c.getMeta().getVersionId();
        return replaced(c).isPresent() || (version != null && !"1".equals(version));
    }

    static Map<String, String> fields(Composition c) {
        Map<String, String> values = new HashMap<>();
        Fhir.readFields(c.getSection(), values);
        return values;
    }

    static Optional<Composition.SectionComponent> section(Composition c, String code) {
        return c.getSection().stream().filter(s -> code.equals(s.getCode().getCodingFirstRep().getCode()))
                .findFirst();
    }

    /**
     * The orders narrative: the free-text lines, then one line per service and drug order the section lists
     * (read again, so a correction of the free text keeps the orders' lines as the sheet first wrote them).
     */
    String ordersNarrative(List<String> freeLines, List<Reference> entries, CurrentUser user) {
        StringBuilder text = new StringBuilder();
        for (String line : freeLines) {
            text.append("<p>").append(Fhir.escape(line)).append("</p>");
        }
        for (Reference entry : entries) {
            String type = entry.getReferenceElement().getResourceType();
            String id = entry.getReferenceElement().getIdPart();
            if ("ServiceRequest".equals(type)) {
                store.read(ServiceRequest.class, id, user).ifPresent(s -> text.append("<p>")
                        .append(Fhir.escape(s.getCode().getCodingFirstRep().getDisplay())).append(" (")
                        .append(Fhir.escape(s.getCode().getCodingFirstRep().getCode())).append(")</p>"));
            } else if ("MedicationRequest".equals(type)) {
                store.read(MedicationRequest.class, id, user).ifPresent(m -> text.append("<p>")
                        .append(Fhir.escape(m.getMedicationCodeableConcept().getCodingFirstRep().getDisplay()))
                        .append(": ").append(Fhir.escape(m.getDosageInstructionFirstRep().getText()))
                        .append("</p>"));
            }
        }
        return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + (text.isEmpty() ? "<p>—</p>" : text) + "</div>";
    }
}
