package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.charges.Coverages;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.vncore.VnCoreUrls;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Đăng ký lượt khám: Coverage (when the card is new or changed), Encounter (arrived, MA_LK, queue number, AMB),
 * Account and the examination charge, in one transaction. A card not valid today leaves the visit self-paying: the
 * Coverage is still recorded (it is the patient's card), but the Account does not point to it.
 */
public class VisitRegistration {

    public static final String QUEUE_SYSTEM = "https://vnemr.org/fhir/sid/so-thu-tu";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final ClinicalStore store;
    private final RegistrationNumbers numbers;
    private final ClinicRooms rooms;
    private final CodeLists codes;
    private final ObjectProvider<ChargeCapture> charges;
    private final String examServiceCode;
    private final Clock clock;

    public VisitRegistration(ClinicalStore store, RegistrationNumbers numbers, ClinicRooms rooms, CodeLists codes,
                             ObjectProvider<ChargeCapture> charges, String examServiceCode, Clock clock) {
        this.store = store;
        this.numbers = numbers;
        this.rooms = rooms;
        this.codes = codes;
        this.charges = charges;
        this.examServiceCode = examServiceCode == null || examServiceCode.isBlank() ? null : examServiceCode.strip();
        this.clock = clock;
    }

    /** What the clerk chose on the visit form (already checked). */
    public record Request(String patientId, Location room, String visitType, String insuranceCategory, String reason,
                          Coverage typedCard, Coverage storedCard) {
    }

    /** The stored visit: Encounter id and queue number. */
    public record Registered(String encounterId, int queueNumber, boolean selfPay) {
    }

    public Registered register(Request r, CurrentUser user) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(Coverages.VIETNAM).toLocalDate();
        List<Resource> resources = new ArrayList<>();
        String patientRef = "Patient/" + r.patientId();

        Coverage card = null;
        String cardRef = null;
        if (r.typedCard() != null) {
            if (r.storedCard() != null && CardFields.same(r.storedCard(), r.typedCard())) {
                card = r.storedCard();
                cardRef = "Coverage/" + card.getIdElement().getIdPart();
            } else {
                card = r.typedCard();
                cardRef = urn();
                card.setId(cardRef);
                resources.add(card);
            }
        }
        boolean insured = card != null && Coverages.validOn(card, today);

        String maLk = RegistrationNumbers.maLk(rooms.facilityCode(), now);
        Account account = new Account();
        account.setId(urn());
        account.setStatus(Account.AccountStatus.ACTIVE);
        account.addIdentifier(new Identifier().setSystem(VnCoreUrls.SID_MA_LK).setValue(maLk));
        account.addSubject(new Reference(patientRef));
        account.setName("Lượt khám " + maLk);
        if (insured) {
            account.addCoverage().setCoverage(new Reference(cardRef)).setPriority(1);
        }
        resources.add(account);

        int queue = numbers.nextQueueNumber(r.room().getIdElement().getIdPart(), today);
        Encounter visit = new Encounter();
        visit.setId(urn());
        visit.setStatus(Encounter.EncounterStatus.ARRIVED);
        visit.addIdentifier(new Identifier().setSystem(VnCoreUrls.SID_MA_LK).setValue(maLk));
        visit.addIdentifier(new Identifier().setSystem(QUEUE_SYSTEM)
                .setValue(RegistrationNumbers.queueValue(ClinicRooms.code(r.room()), today, queue)));
        visit.setClass_(new Coding(ACT_CODE, "AMB", "ambulatory"));
        visit.addType().addCoding(new Coding(CatalogueKind.VISIT_TYPE.system(), r.visitType(),
                codes.display(codes.visitTypes(today), r.visitType())));
        if (r.insuranceCategory() != null && !r.insuranceCategory().isBlank()) {
            visit.addExtension().setUrl(VnCoreUrls.EXT_INSURANCE_VISIT_TYPE).setValue(new Coding(
                    CatalogueKind.PATIENT_CATEGORY.system(), r.insuranceCategory(),
                    codes.display(codes.insuranceCategories(today), r.insuranceCategory())));
        }
        visit.setSubject(new Reference(patientRef));
        if (r.room().hasManagingOrganization()) {
            visit.setServiceProvider(r.room().getManagingOrganization().copy());
        }
        Date start = Date.from(now);
        visit.addLocation().setLocation(new Reference("Location/" + r.room().getIdElement().getIdPart())
                .setDisplay(r.room().getName())).setPeriod(new Period().setStart(start))
                .setStatus(Encounter.EncounterLocationStatus.PLANNED);
        visit.setPeriod(new Period().setStart(start));
        if (r.reason() != null && !r.reason().isBlank()) {
            visit.addReasonCode().setText(r.reason().strip());
        }
        visit.addAccount(new Reference(account.getIdElement().getValue()));
        resources.add(visit);

        ChargeCapture capture = charges.getIfAvailable();
        String exam = examServiceCode != null ? examServiceCode : codes.firstExamination(today).orElse(null);
        if (capture != null && exam != null) {
            List<ChargeItem> items = capture.chargesFor(visit, insured ? card : null,
                    List.of(new ChargeCapture.Billable(CatalogueKind.SERVICE, exam, BigDecimal.ONE, now,
                            new Reference(visit.getIdElement().getValue()))));
            resources.addAll(items);
        }
        List<String> stored = store.transaction(resources, user);
        String encounterRef = stored.stream().filter(s -> s != null && s.startsWith("Encounter/")).findFirst()
                .orElseThrow();
        return new Registered(encounterRef.substring("Encounter/".length()), queue, !insured);
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
