package org.vnemr.emr.demo;

/**
 * How big a demo facility to load.
 *
 * @param patients        synthetic patients with history (1,000 for a demo, a few dozen in tests)
 * @param inpatientStays  past inpatient stays spread over those patients (~5 %)
 * @param openStays       patients in a bed right now (never more than the priced beds)
 * @param queue           today's arrived outpatient visits in the clinic rooms
 * @param seed            same seed, same facility: patient {@code i} depends only on the seed and {@code i}
 * @param force           load even though the node already holds patients that are not demo data
 * @param threads         parallel writers (each patient is one transaction)
 */
public record DemoOptions(int patients, int inpatientStays, int openStays, int queue, long seed, boolean force,
                          int threads) {

    public static final int DEFAULT_PATIENTS = 1000;

    public DemoOptions {
        if (patients < 1 || inpatientStays < 0 || openStays < 0 || queue < 0 || threads < 1) {
            throw new IllegalArgumentException("invalid demo size");
        }
        inpatientStays = Math.min(inpatientStays, patients);
        queue = Math.min(queue, patients);
        openStays = Math.min(openStays, Math.min(patients, DemoFacilityPlan.PRICED_BEDS.size()));
    }

    /** The proportions of the full demo for {@code patients} patients: 5 % stays, ≤ 30 in today's queue. */
    public static DemoOptions ofSize(int patients) {
        return new DemoOptions(patients, Math.max(1, patients / 20), Math.min(4, Math.max(1, patients / 200 + 1)),
                Math.min(30, Math.max(1, patients / 10)), 2026, false, 2);
    }

    public DemoOptions withForce(boolean value) {
        return new DemoOptions(patients, inpatientStays, openStays, queue, seed, value, threads);
    }

    public DemoOptions withThreads(int value) {
        return new DemoOptions(patients, inpatientStays, openStays, queue, seed, force, value);
    }
}
