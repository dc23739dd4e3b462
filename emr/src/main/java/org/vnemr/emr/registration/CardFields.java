package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.emr.charges.ChargeSplit;
import org.vnemr.emr.charges.Coverages;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.identity.BhytCard;
import org.vnemr.vncore.identity.ParseResult;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Thẻ BHYT on a form: fields {@code bhytNumber}, {@code bhytFrom}, {@code bhytTo} (dd/MM/yyyy), {@code bhytFacility}
 * (nơi ĐKKCB, 5 digits) and {@code bhytLevel} (80/95/100; blank = from the card's benefit digit). Parsed with
 * vn-core's {@link BhytCard}; errors go next to their field.
 */
final class CardFields {

    static final String[] NAMES = {"bhytNumber", "bhytFrom", "bhytTo", "bhytFacility", "bhytLevel"};

    /** A card as typed and checked. */
    record Card(BhytCard card, int level) {
        boolean validOn(LocalDate day) {
            return card.isValidOn(day);
        }
    }

    private CardFields() {
    }

    static boolean present(Map<String, String> form) {
        return !form.getOrDefault("bhytNumber", "").isBlank();
    }

    /** The card, or null with errors added when it is refused (or when no number was typed). */
    static Card read(Map<String, String> form, Map<String, String> errors) {
        if (!present(form)) {
            return null;
        }
        LocalDate from = PatientForm.date(form.get("bhytFrom"), "bhytFrom", errors, false);
        LocalDate to = PatientForm.date(form.get("bhytTo"), "bhytTo", errors, false);
        String facility = form.getOrDefault("bhytFacility", "").strip();
        ParseResult<BhytCard> parsed = BhytCard.parse(form.get("bhytNumber"), from, to,
                facility.isEmpty() ? null : facility, null);
        for (var p : parsed.errors()) {
            String field = p.code().equals("VNEMR-3016") ? "bhytTo"
                    : p.code().equals("VNEMR-3020") || p.code().equals("VNEMR-3021") ? "bhytFacility" : "bhytNumber";
            errors.putIfAbsent(field, field.equals("bhytFacility") ? UiErrors.text("VNEMR-6109", p.messageVi())
                    : UiErrors.text("VNEMR-6107", p.messageVi()));
        }
        String levelText = form.getOrDefault("bhytLevel", "").strip();
        Integer level = null;
        if (!levelText.isEmpty()) {
            if (!levelText.equals("80") && !levelText.equals("95") && !levelText.equals("100")) {
                errors.put("bhytLevel", UiErrors.text("VNEMR-6110"));
            } else {
                level = Integer.valueOf(levelText);
            }
        } else if (parsed.value() != null) {
            level = ChargeSplit.benefitFromCardDigit(parsed.value().benefitLevel());
        }
        if (!parsed.isValid() || errors.containsKey("bhytFrom") || errors.containsKey("bhytTo")
                || errors.containsKey("bhytLevel")) {
            return null;
        }
        if (level == null) {
            errors.put("bhytLevel", UiErrors.text("VNEMR-6110"));
            return null;
        }
        return new Card(parsed.value(), level);
    }

    /** The Coverage of the contract for this card (not stored). */
    static Coverage coverage(Card card, String patientReference) {
        Coverage c = new Coverage();
        c.setStatus(Coverage.CoverageStatus.ACTIVE);
        c.addIdentifier(new Identifier().setSystem(VnCoreUrls.SID_BHYT).setValue(card.card().number()));
        c.setSubscriberId(card.card().number());
        c.setBeneficiary(new Reference(patientReference));
        c.addPayor().setDisplay("BHXH Việt Nam");
        if (card.card().validFrom() != null) {
            c.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(card.card().validFrom().toString()));
        }
        if (card.card().validTo() != null) {
            c.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(card.card().validTo().toString()));
        }
        if (card.card().primaryCareFacility() != null) {
            Extension ext = c.addExtension().setUrl(VnCoreUrls.EXT_PRIMARY_CARE_FACILITY);
            ext.setValue(new Reference().setIdentifier(new Identifier().setSystem(VnCoreUrls.SID_MA_CSKCB)
                    .setValue(card.card().primaryCareFacility().toString())));
        }
        if (card.card().groupCode() != null) {
            c.addExtension().setUrl(VnCoreUrls.EXT_BHYT_CARD_TYPE).setValue(new org.hl7.fhir.r4.model.Coding()
                    .setSystem(VnCoreUrls.CS_BHYT_CARD_TYPE).setCode(card.card().groupCode()));
        }
        Coverage.ClassComponent level = c.addClass_();
        level.getType().setText(Coverages.BENEFIT_CLASS);
        level.setValue(String.valueOf(card.level()));
        return c;
    }

    /** Fills the form's card fields from a stored Coverage. */
    static void fill(Map<String, String> form, Coverage c) {
        c.getIdentifier().stream().filter(i -> VnCoreUrls.SID_BHYT.equals(i.getSystem())).findFirst()
                .ifPresent(i -> form.put("bhytNumber", i.getValue()));
        form.put("bhytFrom", PatientForm.shown(day(c.getPeriod().getStartElement().getValueAsString())));
        form.put("bhytTo", PatientForm.shown(day(c.getPeriod().getEndElement().getValueAsString())));
        Extension facility = c.getExtensionByUrl(VnCoreUrls.EXT_PRIMARY_CARE_FACILITY);
        if (facility != null && facility.getValue() instanceof Reference r && r.hasIdentifier()) {
            form.put("bhytFacility", r.getIdentifier().getValue());
        }
        Integer level = Coverages.benefitLevel(c);
        form.put("bhytLevel", level == null ? "" : level.toString());
    }

    /** Whether a stored card says the same as the typed one (then it is reused, not stored again). */
    static boolean same(Coverage stored, Coverage typed) {
        return Objects.equals(stored.getIdentifierFirstRep().getValue(), typed.getIdentifierFirstRep().getValue())
                && Objects.equals(stored.getPeriod().getStartElement().getValueAsString(),
                typed.getPeriod().getStartElement().getValueAsString())
                && Objects.equals(stored.getPeriod().getEndElement().getValueAsString(),
                typed.getPeriod().getEndElement().getValueAsString())
                && Objects.equals(Coverages.benefitLevel(stored), Coverages.benefitLevel(typed))
                && Objects.equals(facility(stored), facility(typed))
                && stored.getStatus() == Coverage.CoverageStatus.ACTIVE;
    }

    private static String facility(Coverage c) {
        Extension e = c.getExtensionByUrl(VnCoreUrls.EXT_PRIMARY_CARE_FACILITY);
        return e != null && e.getValue() instanceof Reference r ? r.getIdentifier().getValue() : null;
    }

    private static LocalDate day(String text) {
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }
}
