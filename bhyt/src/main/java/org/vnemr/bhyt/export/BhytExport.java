package org.vnemr.bhyt.export;

import org.vnemr.bhyt.mapping.DossierMapper;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.validation.DossierValidator;
import org.vnemr.bhyt.validation.Finding;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.signing.Signer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The export of one visit: load its record, build the tables, validate them, and sign the envelope with the
 * facility's key. Used by the FHIR operations, the batch export and the benchmark.
 */
public final class BhytExport {

    private final StoreVisitLoader loader;
    private final DossierMapper mapper;
    private final DossierValidator validator;
    private final Supplier<Signer> facilitySigner;
    private final Clock clock;

    public BhytExport(StoreVisitLoader loader, DossierMapper mapper, DossierValidator validator,
                      Supplier<Signer> facilitySigner, Clock clock) {
        this.loader = loader;
        this.mapper = mapper;
        this.validator = validator;
        this.facilitySigner = facilitySigner;
        this.clock = clock;
    }

    public record Result(String encounterId, String maLk, String patientId, Dossier dossier, List<Finding> findings) {
    }

    public Result build(String encounterId) {
        VisitRecord visit = loader.load(encounterId);
        Dossier dossier = mapper.map(visit);
        return new Result(encounterId, dossier.maLk(), visit.encounter.getSubject().getReference(), dossier,
                validator.validate(dossier));
    }

    /** The signed GIAMDINHHS file of a built dossier. */
    public byte[] sign(Result result) {
        String maCskcb = result.dossier().rows("XML1").get(0).get("MA_CSKCB");
        return EnvelopeXml.signedEnvelope(maCskcb, LocalDate.now(clock.withZone(
                org.vnemr.bhyt.xml130.Xml130Values.VIETNAM)), result.dossier(), signer());
    }

    public Signer signer() {
        Signer signer = facilitySigner.get();
        if (signer == null) {
            throw new Xml130Exception("VNEMR-7007");
        }
        return signer;
    }

    public StoreVisitLoader loader() {
        return loader;
    }

    public DossierValidator validator() {
        return validator;
    }
}
