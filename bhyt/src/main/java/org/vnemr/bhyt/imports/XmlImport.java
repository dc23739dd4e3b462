package org.vnemr.bhyt.imports;

import ca.uhn.fhir.context.FhirContext;
import org.vnemr.bhyt.mapping.DossierImporter;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.fhir.rest.BundleProcessor;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Imports XML 130/4750/3176 files (envelopes or single table files) into the store: each dossier becomes one
 * transaction Bundle of contract-shaped resources (all or nothing per dossier). A file or dossier that cannot be
 * read is reported and the import goes on with the next.
 */
public final class XmlImport {

    private final BundleProcessor bundles;
    private final FhirContext fhirContext;

    public XmlImport(BundleProcessor bundles, FhirContext fhirContext) {
        this.bundles = bundles;
        this.fhirContext = fhirContext;
    }

    /** What happened to one dossier (or one unreadable file, with {@code maLk} empty). */
    public record Outcome(Path file, String maLk, boolean imported, int resources, String problem) {
    }

    public List<Outcome> importFiles(List<Path> files, Consumer<Outcome> progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            List<Dossier> dossiers;
            try {
                dossiers = EnvelopeXml.read(Files.readAllBytes(file)).dossiers();
            } catch (IOException | Xml130Exception | SigningException e) {
                Outcome failed = new Outcome(file, "", false, 0, message(e));
                outcomes.add(failed);
                progress.accept(failed);
                continue;
            }
            for (Dossier dossier : dossiers) {
                Outcome outcome = importDossier(file, dossier);
                outcomes.add(outcome);
                progress.accept(outcome);
            }
        }
        return outcomes;
    }

    private Outcome importDossier(Path file, Dossier dossier) {
        try {
            VisitRecord visit = DossierImporter.toFhir(dossier);
            var bundle = DossierImporter.transaction(visit);
            String json = fhirContext.newJsonParser().encodeResourceToString(bundle);
            bundles.process(FhirJson.parseResource(json), "http://localhost/fhir", BundleProcessor.Return.MINIMAL,
                    new WriteOptions(true, false));
            return new Outcome(file, dossier.maLk(), true, bundle.getEntry().size(), "");
        } catch (RuntimeException e) {
            return new Outcome(file, dossier.maLk(), false, 0, message(e));
        }
    }

    private static String message(Exception e) {
        if (e instanceof Xml130Exception x) {
            return x.messageVi();
        }
        if (e instanceof ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException b
                && b.getOperationOutcome() != null) {
            var outcome = (org.hl7.fhir.r4.model.OperationOutcome) b.getOperationOutcome();
            return outcome.getIssueFirstRep().getDetails().getText();
        }
        return String.valueOf(e.getMessage());
    }
}
