package org.vnemr.emr.demo;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vnemr.emr.EmrConfiguration;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.signing.document.SignedDocumentConfiguration;
import org.vnemr.signing.keys.SigningKeysConfiguration;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.vncore.VnCoreConfiguration;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A small demo facility (20 patients) loaded into a fresh database through the real store, validation (VN Core,
 * ICD-10 rules) and audit: the set-up is complete, every visit is consistent per the clinical-data contract, the
 * accounts log in, a second load changes nothing, and a node with real patients is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoFacilityIT {

    static final int PATIENTS = 20;
    static FhirTestServer server;
    static DemoLoader.Report first;

    @BeforeAll
    static void start() {
        // not EmrTestServer: it turns reference data off, and the ICD-10 rules the store applies need it loaded
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class, SigningKeysConfiguration.class,
                SignedDocumentConfiguration.class, EmrConfiguration.class, TerminologyConfiguration.class,
                CatalogueConfiguration.class, VnCoreConfiguration.class), "--vnemr.reference-data.load=true",
                "--vnemr.signing.revocation=offline", "--vnemr.home=target/emr-demo-test-home");
        first = server.bean(DemoLoader.class).load(DemoOptions.ofSize(PATIENTS));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static <T extends Resource> List<T> all(Class<T> type) {
        return server.bean(ClinicalStore.class).search(type, Map.of("_count", List.of("1000")), DemoLoader.LOADER);
    }

    @Test
    @Order(1)
    void aSmallDemo_loadsTheFacilityStaffCataloguesAndEveryPatient() {
        assertThat(first.patientsLoaded()).isEqualTo(PATIENTS);
        assertThat(first.facilityCreated()).isTrue();
        assertThat(first.cataloguesActivated()).hasSize(DemoLoader.SAMPLE_FILES.size());
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(all(Patient.class)).hasSize(PATIENTS);
        List<Organization> departments = all(Organization.class).stream()
                .filter(o -> "Organization/facility".equals(o.getPartOf().getReference())).toList();
        assertThat(departments).extracting(o -> o.getTypeFirstRep().getText())
                .containsExactlyInAnyOrder("kham-benh", "noi", "ngoai", "nhi", "san", "cls", "duoc");
        List<Location> locations = all(Location.class);
        assertThat(locations.stream().filter(l -> "phong-kham".equals(l.getTypeFirstRep().getText()))).hasSize(6);
        assertThat(locations.stream().filter(l -> "bd".equals(l.getPhysicalType().getCodingFirstRep().getCode())))
                .hasSizeBetween(55, 65);
        assertThat(all(Practitioner.class)).hasSize(DemoFacilityPlan.staff().size());
        assertThat(first.accountsCreated()).containsAll(List.of("bs.noi1", "dd.noi1", "tiepdon1", "duoc1", "xn1",
                "truongkhoa.noi", "giamdinh1", "kiemtra1", "quantri1"));
    }

    @Test
    @Order(2)
    void everyEncounter_hasItsMaLk_andEveryFinishedVisitItsMainDiagnosis() {
        List<Encounter> encounters = all(Encounter.class);
        assertThat(encounters).isNotEmpty();
        for (Encounter e : encounters) {
            assertThat(e.getIdentifier()).anyMatch(i -> "http://fhir.hl7.org.vn/core/sid/ma-lk".equals(i.getSystem())
                    && i.getValue().startsWith(DemoFacilityPlan.FACILITY_CODE));
            boolean visit = !e.hasPartOf() || e.getPartOf().getReference().startsWith("Encounter/")
                    && e.hasAccount();
            if (e.getStatus() == Encounter.EncounterStatus.FINISHED && visit) {
                assertThat(e.getDiagnosis()).as("main diagnosis of " + e.getIdElement().getIdPart())
                        .anyMatch(d -> d.getRank() == 1);
            }
        }
        assertThat(encounters.stream().filter(e -> e.getStatus() == Encounter.EncounterStatus.ARRIVED))
                .hasSize(DemoOptions.ofSize(PATIENTS).queue());
        assertThat(encounters.stream().filter(e -> "IMP".equals(e.getClass_().getCode()) && e.hasAccount()))
                .hasSize(first.stays());
    }

    @Test
    @Order(3)
    void everyCharge_hasASplitWhosePartsAddUpToItsTotal() {
        List<ChargeItem> charges = all(ChargeItem.class);
        assertThat(charges).isNotEmpty();
        for (ChargeItem c : charges) {
            Extension split = c.getExtensionByUrl("https://vnemr.org/fhir/StructureDefinition/charge-split");
            assertThat(split).as("split of " + c.getCode().getCodingFirstRep().getCode()).isNotNull();
            BigDecimal total = amount(split, "total");
            BigDecimal parts = amount(split, "bhyt").add(amount(split, "patient")).add(amount(split, "outOfScope"));
            assertThat(parts).isEqualByComparingTo(total);
            assertThat(total).isEqualByComparingTo(c.getPriceOverride().getValue().multiply(c.getQuantity().getValue())
                    .setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(c.getContext().getReference()).startsWith("Encounter/");
            assertThat(c.getAccountFirstRep().getReference()).startsWith("Account/");
        }
    }

    @Test
    @Order(4)
    void occupiedBeds_areExactlyTheBedsOfOpenStays() {
        Set<String> occupied = all(Location.class).stream()
                .filter(l -> "O".equals(l.getOperationalStatus().getCode()))
                .map(l -> "Location/" + l.getIdElement().getIdPart()).collect(Collectors.toSet());
        Set<String> openStays = new HashSet<>();
        for (Encounter e : all(Encounter.class)) {
            if ("IMP".equals(e.getClass_().getCode()) && e.hasAccount()
                    && e.getStatus() == Encounter.EncounterStatus.INPROGRESS) {
                openStays.add(e.getLocationFirstRep().getLocation().getReference());
            }
        }
        assertThat(occupied).isNotEmpty().isEqualTo(openStays);
    }

    @Test
    @Order(5)
    void theDemoAccounts_logIn() {
        for (String username : List.of("bs.kb1", "tiepdon1", "duoc1", "giamdinh1")) {
            UiClient client = UiClient.login(server.base().replaceAll("/fhir$", ""), username, first.password());
            assertThat(client.get("/").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(6)
    void aSecondLoad_changesNothing() {
        int encounters = all(Encounter.class).size();
        DemoLoader.Report again = server.bean(DemoLoader.class).load(DemoOptions.ofSize(PATIENTS));
        assertThat(again.patientsLoaded()).isZero();
        assertThat(again.patientsSkipped()).isEqualTo(PATIENTS);
        assertThat(again.facilityCreated()).isFalse();
        assertThat(again.accountsCreated()).isEmpty();
        assertThat(again.password()).isNull();
        assertThat(again.cataloguesActivated()).isEmpty();
        assertThat(all(Patient.class)).hasSize(PATIENTS);
        assertThat(all(Encounter.class)).hasSize(encounters);
    }

    @Test
    @Order(7)
    void aNodeWithPatientsThatAreNotDemoData_isRefusedUnlessForced() {
        Patient real = all(Patient.class).get(0).copy();
        real.setId((String) null);
        real.setMeta(null);
        real.getIdentifier().removeIf(i -> DemoHistory.MRN_SYSTEM.equals(i.getSystem()));
        server.bean(ClinicalStore.class).transaction(List.of(real), DemoLoader.LOADER);
        assertThatThrownBy(() -> server.bean(DemoLoader.class).load(DemoOptions.ofSize(PATIENTS)))
                .isInstanceOf(DemoRefused.class).hasMessageContaining("VNEMR-6601");
        DemoLoader.Report forced = server.bean(DemoLoader.class).load(DemoOptions.ofSize(PATIENTS).withForce(true));
        assertThat(forced.patientsLoaded()).isZero();
    }

    private static BigDecimal amount(Extension split, String part) {
        Extension e = split.getExtensionByUrl(part);
        assertThat(e).as(part).isNotNull();
        return ((Money) e.getValue()).getValue();
    }
}
