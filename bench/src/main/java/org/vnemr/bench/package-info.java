/**
 * Benchmark harness: loads synthetic patients into a FHIR server over HTTP, optionally times a bulk import,
 * and measures the latency of a fixed query mix. It measures and prints; it never passes or fails.
 *
 * <p>Uses only {@code org.vnemr.bench.synth} and {@code org.vnemr.fhir.text}; the application's CLI calls
 * {@link org.vnemr.bench.Benchmark#run(BenchmarkOptions)}.
 */
package org.vnemr.bench;
