package org.vnemr.terminology;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A body of code systems, value sets and concept maps that the node loads into its store at start-up — ICD-10 VN,
 * the administrative units, the VN Core code lists, a national catalogue. Modules publish sources as Spring beans;
 * the terminology loader stores each source's resources once and again only when {@link #version()} changes, so a
 * new data file shipped with an upgrade replaces the old content without a manual step.
 */
public interface TerminologySource {

    /** Stable name, e.g. {@code icd10-vn}; the loader records which version of each name it has loaded. */
    String name();

    /** Version of the content, e.g. a digest of the data files it reads; a change makes the loader reload. */
    String version();

    /** The CodeSystem, ValueSet and ConceptMap resources (FHIR R4 JSON), each with a stable {@code id}. */
    List<ObjectNode> resources();
}
