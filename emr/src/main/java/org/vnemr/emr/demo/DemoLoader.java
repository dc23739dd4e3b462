package org.vnemr.emr.demo;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.AccountService;
import org.vnemr.platform.account.AccountStore;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.vncore.address.AdministrativeUnits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nạp cơ sở KBCB mẫu: the sample catalogues, the facility (departments, clinic rooms, beds, staff with accounts) and
 * synthetic patients with their history, through the same store, validation and audit as the screens. Idempotent:
 * what exists (catalogues in force, the facility, accounts, patients by MRN) is left as it is; a node that holds
 * patients which are not demo data is refused unless forced.
 */
public class DemoLoader {

    /** The sample catalogue files and the kind each holds, in load order. */
    static final List<String> SAMPLE_FILES = List.of("department", "bed", "service", "drug", "supply",
            "patient-category", "visit-type-qd824", "visit-type-qd1804");
    /** QĐ 1804/2026's 16 visit types apply from this day (its predecessor until the day before). */
    static final LocalDate QD1804_FROM = LocalDate.of(2026, 8, 1);

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    private static final int MRN_CHECK_BATCH = 100;

    /** The audit trail's name for the loader; it acts for no person. */
    static final CurrentUser LOADER = new CurrentUser("demo-loader", "Nạp dữ liệu mẫu", null,
            List.of(Role.ADMINISTRATOR), List.of(), null);

    /** What was loaded. {@code password} is null when every account already existed (it is shown only once). */
    public record Report(int patientsLoaded, int patientsSkipped, int visits, int stays, int queue,
                         List<String> accountsCreated, String password, List<String> cataloguesActivated,
                         boolean facilityCreated, Duration took) {
    }

    /** One account of the demo staff, for the printed list. */
    public record StaffAccount(String username, String role, String department) {
    }

    private final ClinicalStore store;
    private final ObjectProvider<Catalogues> catalogues;
    private final AccountService accounts;
    private final AccountStore accountStore;
    private final ObjectProvider<ChargeCapture> chargeCapture;
    private final AdministrativeUnits units;
    private final Clock clock;
    private ObjectProvider<TerminologyIndex> terminology;

    public DemoLoader(ClinicalStore store, ObjectProvider<Catalogues> catalogues, AccountService accounts,
                      AccountStore accountStore, ObjectProvider<ChargeCapture> chargeCapture, AdministrativeUnits units,
                      Clock clock) {
        this.store = store;
        this.catalogues = catalogues;
        this.accounts = accounts;
        this.accountStore = accountStore;
        this.chargeCapture = chargeCapture;
        this.units = units;
        this.clock = clock;
    }

    /** The ICD-10 index the store's diagnosis rules read; the loader waits for it rather than fail the first visit. */
    public DemoLoader withTerminology(ObjectProvider<TerminologyIndex> index) {
        this.terminology = index;
        return this;
    }

    /** The accounts the demo creates: user name, role and department. */
    public static List<StaffAccount> staffAccounts() {
        return DemoFacilityPlan.staff().stream().map(s -> new StaffAccount(s.username(), s.role().code(),
                DemoFacilityPlan.department(s.departmentId()).name())).toList();
    }

    /** User names of the doctors seeing outpatients (one per clinic room): the load benchmark logs in as them. */
    public static List<String> clinicDoctors() {
        return DemoFacilityPlan.staff().stream().filter(s -> s.username().startsWith("bs.kb"))
                .map(DemoFacilityPlan.Staff::username).toList();
    }

    /**
     * Loads the demo facility.
     *
     * @throws DemoRefused when the node holds other patients (without force), a component is missing, or the store
     *                     refused data
     */
    public Report load(DemoOptions options) {
        long started = System.nanoTime();
        Catalogues catalogueService = catalogues.getIfAvailable();
        if (catalogueService == null) {
            throw new DemoRefused("VNEMR-6602", "Catalogues (terminology)");
        }
        long others = count(Map.of()) - count(Map.of("_tag", List.of(DemoHistory.DEMO_TAG_SYSTEM + "|"
                + DemoHistory.DEMO_TAG)));
        if (others > 0 && !options.force()) {
            throw new DemoRefused("VNEMR-6601", others);
        }
        LocalDate today = LocalDate.now(clock.withZone(DemoHistory.ZONE));
        List<String> activated = catalogues(catalogueService, today);
        boolean facilityCreated = facility(options);
        String password = newPassword();
        List<String> created = accounts(password);
        DemoPrices prices = new DemoPrices(catalogueService);
        awaitReferenceData();
        int[] totals = patients(options, today, prices);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Demo facility: {} patients loaded ({} already there), {} visits, {} stays, {} accounts created, {}",
                totals[0], totals[1], totals[2], totals[3], created.size(), took);
        return new Report(totals[0], totals[1], totals[2], totals[3], Math.min(options.queue(), totals[0]), created,
                created.isEmpty() ? null : password, activated, facilityCreated, took);
    }

    /** A node just started loads ICD-10 in the background (seconds to a minute); patients' diagnoses need it. */
    private void awaitReferenceData() {
        TerminologyIndex index = terminology == null ? null : terminology.getIfAvailable();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long nextLog = 0;
        while (index != null && !index.isReady() && System.nanoTime() < deadline) {
            if (System.nanoTime() > nextLog) {
                LOG.info("Demo facility: waiting for the reference data (ICD-10) to finish loading");
                nextLog = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long count(Map<String, List<String>> filter) {
        Map<String, List<String>> params = new LinkedHashMap<>(filter);
        params.put("_summary", List.of("count"));
        Integer total = store.searchWithIncludes(Patient.class, params, LOADER).total();
        return total == null ? 0 : total;
    }

    // ---- catalogues ----------------------------------------------------------------------------------

    /** Imports and activates each sample catalogue whose kind has no version in force yet. */
    private List<String> catalogues(Catalogues service, LocalDate today) {
        List<String> activated = new ArrayList<>();
        Set<CatalogueKind> hadActive = new HashSet<>();
        for (CatalogueKind kind : CatalogueKind.values()) {
            if (service.versions(kind).stream().anyMatch(v -> v.status() == CatalogueVersion.Status.ACTIVE)) {
                hadActive.add(kind);
            }
        }
        LocalDate from = today.minusYears(2).withDayOfYear(1);
        for (String file : SAMPLE_FILES) {
            CatalogueKind kind = CatalogueKind.find(file.startsWith("visit-type") ? "visit-type" : file)
                    .orElseThrow();
            if (hadActive.contains(kind)) {
                continue;
            }
            String resource = "vnemr/catalogue/samples/" + file + ".xlsx";
            try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new DemoRefused("VNEMR-6603", file, "not on the class path");
                }
                CatalogueVersion version = service.importFile(kind, file + ".xlsx", in);
                LocalDate effective = file.equals("visit-type-qd1804") ? QD1804_FROM : from;
                service.activate(version.id(), effective);
                activated.add(version.id());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (e instanceof DemoRefused refused) {
                    throw refused;
                }
                throw new DemoRefused("VNEMR-6603", file, e.getMessage());
            }
        }
        return activated;
    }

    // ---- facility and staff --------------------------------------------------------------------------

    private boolean facility(DemoOptions options) {
        if (store.readReference(Organization.class, "facility").isPresent()) {
            return false;
        }
        write(DemoFacilityResources.all(units, options.seed()), "facility");
        return true;
    }

    private List<String> accounts(String password) {
        List<String> created = new ArrayList<>();
        for (DemoFacilityPlan.Staff s : DemoFacilityPlan.staff()) {
            if (accountStore.find(s.username()).isPresent()) {
                continue;
            }
            accounts.create(s.username(), s.practitionerId(), s.title() + " " + s.username(),
                    List.of(s.role().code()), List.of(s.departmentId()), password, false)
                    .ifPresent(code -> {
                        throw new DemoRefused("VNEMR-6605", s.username(), code);
                    });
            created.add(s.username());
        }
        return created;
    }

    /** 20 characters from an alphabet without look-alikes; generated per load, never stored in clear. */
    static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("Demo-");
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    // ---- patients ------------------------------------------------------------------------------------

    private int[] patients(DemoOptions options, LocalDate today, DemoPrices prices) {
        Map<Integer, DemoHistory.Plan> plans = plans(options, today);
        DemoHistory history = new DemoHistory(options.seed(), units, prices);
        Set<String> existing = existingMrns(options.patients());
        ChargeCapture capture = chargeCapture.getIfAvailable();
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger visits = new AtomicInteger();
        AtomicInteger stays = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < options.patients(); i++) {
                if (existing.contains(DemoHistory.mrn(i))) {
                    continue;
                }
                DemoHistory.Plan plan = plans.get(i);
                work.add(pool.submit(() -> {
                    DemoHistory.Generated generated = history.generate(plan, capture == null);
                    List<Resource> resources = new ArrayList<>(generated.resources());
                    if (plan.openStay() != null) {
                        resources.add(DemoFacilityResources.bed(plan.openStay().bed(), true));
                    }
                    write(resources, generated.mrn());
                    if (capture != null) {
                        captureCharges(capture, generated);
                    }
                    visits.addAndGet(generated.visits());
                    stays.addAndGet(generated.stays());
                    int done = loaded.incrementAndGet();
                    if (done % 100 == 0) {
                        LOG.info("Demo facility: {} patients loaded", done);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new int[] {loaded.get(), existing.size(), visits.get(), stays.get()};
    }

    /** Which patient has a past stay, a current one, or a place in today's queue — spread over the range. */
    static Map<Integer, DemoHistory.Plan> plans(DemoOptions options, LocalDate today) {
        Map<Integer, DemoHistory.PastStay> past = new LinkedHashMap<>();
        List<DemoFacilityPlan.Bed> beds = DemoFacilityPlan.PRICED_BEDS;
        for (int k = 0; k < options.inpatientStays(); k++) {
            int patient = (int) ((long) k * options.patients() / options.inpatientStays());
            int slot = k / beds.size();
            // each priced bed hosts one stay every 8 days, stays last 3–6 days: no two stays share a bed at once
            LocalDateTime start = today.minusDays(12 + 8L * slot).atTime(9 + k % 8, (k * 7) % 60);
            past.put(patient, new DemoHistory.PastStay(beds.get(k % beds.size()), start, 3 + k % 4));
        }
        Map<Integer, DemoHistory.OpenStay> open = new LinkedHashMap<>();
        for (int j = 0; j < options.openStays(); j++) {
            int patient = options.patients() - 1 - j;
            open.put(patient, new DemoHistory.OpenStay(beds.get(j), today.minusDays(1 + j % 3).atTime(10, 15)));
        }
        Map<Integer, DemoHistory.QueuePlace> queue = new LinkedHashMap<>();
        List<DemoFacilityPlan.Room> rooms = DemoFacilityPlan.ROOMS;
        for (int q = 0; q < options.queue(); q++) {
            queue.put(q, new DemoHistory.QueuePlace(rooms.get(q % rooms.size()), q / rooms.size() + 1,
                    today.atTime(7, 0).plusMinutes(3L * q)));
        }
        Map<Integer, DemoHistory.Plan> plans = new LinkedHashMap<>();
        for (int i = 0; i < options.patients(); i++) {
            plans.put(i, new DemoHistory.Plan(i, today, past.get(i), open.get(i), queue.get(i)));
        }
        return plans;
    }

    private Set<String> existingMrns(int patients) {
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < patients; from += MRN_CHECK_BATCH) {
            StringBuilder values = new StringBuilder();
            for (int i = from; i < Math.min(patients, from + MRN_CHECK_BATCH); i++) {
                if (!values.isEmpty()) {
                    values.append(',');
                }
                values.append(DemoHistory.MRN_SYSTEM).append('|').append(DemoHistory.mrn(i));
            }
            Map<String, List<String>> params = Map.of("identifier", List.of(values.toString()),
                    "_count", List.of(String.valueOf(MRN_CHECK_BATCH)));
            for (Patient p : store.search(Patient.class, params, LOADER)) {
                for (Identifier id : p.getIdentifier()) {
                    if (DemoHistory.MRN_SYSTEM.equals(id.getSystem())) {
                        existing.add(id.getValue());
                    }
                }
            }
        }
        return existing;
    }

    /** With a ChargeCapture installed, charges are priced by it, per visit, once the visit is stored. */
    private void captureCharges(ChargeCapture capture, DemoHistory.Generated generated) {
        Map<Encounter, List<ChargeCapture.Billable>> byVisit = new LinkedHashMap<>();
        for (DemoHistory.Billable b : generated.unpriced()) {
            byVisit.computeIfAbsent(b.visit(), v -> new ArrayList<>()).add(b.toCapture());
        }
        List<ChargeItem> items = new ArrayList<>();
        byVisit.forEach((visit, billables) -> items.addAll(capture.chargesFor(visit, billables)));
        if (!items.isEmpty()) {
            write(items, generated.mrn() + " charges");
        }
    }

    private void write(List<? extends Resource> resources, String what) {
        try {
            store.transaction(resources, LOADER);
        } catch (WriteRefused e) {
            throw new DemoRefused("VNEMR-6604", what, e.getMessage() + " " + e.problems());
        }
    }
}
