package org.vnemr.bhyt.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.bhyt.gateway.ClaimDocuments;
import org.vnemr.bhyt.mapping.DossierMapper;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.validation.Finding;
import org.vnemr.bhyt.xml130.Dossier;
import org.vnemr.bhyt.xml130.EnvelopeXml;
import org.vnemr.fhir.store.ResourceStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the gateway link sends, built from the stored record at sending time: the check-in (XML0) of an insured
 * visit, the visit's whole dossier, or one paper on its own — each validated by the insurance validator first (a
 * dossier with findings is not sent: the billing clerk fixes the data) and signed with the facility key.
 */
public final class StoreClaimDocuments implements ClaimDocuments {

    /** Which table a paper Composition becomes (NATIONAL-FORMATS §4). */
    static final Map<String, String> PAPER_TABLES = Map.of("giay-ra-vien", "XML7", "tom-tat-ho-so", "XML8",
            "giay-chuyen-tuyen", "XML13", "giay-hen-kham-lai", "XML14");
    /** How many findings a refusal lists before "…". */
    private static final int LISTED = 10;

    private final BhytExport export;
    private final DossierMapper mapper;
    private final ResourceStore store;
    private final ObjectMapper json = new ObjectMapper();

    public StoreClaimDocuments(BhytExport export, DossierMapper mapper, ResourceStore store) {
        this.export = export;
        this.mapper = mapper;
        this.store = store;
    }

    @Override
    public Optional<byte[]> signedCheckIn(String encounterId) {
        VisitRecord visit = export.loader().load(encounterId);
        if (visit.coverage == null) {
            return Optional.empty();
        }
        return Optional.of(EnvelopeXml.signedCheckIn(List.of(mapper.checkIn(visit).toRow()), export.signer()));
    }

    @Override
    public byte[] signedDossier(String encounterId) {
        BhytExport.Result result = export.build(encounterId);
        refuseIfFindings(result.findings());
        return export.sign(result);
    }

    @Override
    public byte[] signedPaper(String compositionId) {
        JsonNode composition = store.read("Composition", compositionId).filter(r -> !r.deleted())
                .map(r -> parse(r.json())).orElseThrow(() -> new ClaimRefused("Composition/" + compositionId
                        + " không còn trong hồ sơ"));
        String table = null;
        for (JsonNode coding : composition.path("type").path("coding")) {
            table = PAPER_TABLES.getOrDefault(coding.path("code").asText(), table);
        }
        String encounter = composition.path("encounter").path("reference").asText("");
        if (table == null || !encounter.startsWith("Encounter/")) {
            throw new ClaimRefused("Composition/" + compositionId + " không phải giấy tờ gửi cổng hoặc thiếu lượt khám");
        }
        BhytExport.Result result = export.build(encounter.substring("Encounter/".length()));
        String paper = table;
        Dossier only = new Dossier();
        result.dossier().rows(paper).forEach(only::add);
        if (only.rows(paper).isEmpty()) {
            throw new ClaimRefused(paper + ": lượt khám chưa có dữ liệu cho giấy này");
        }
        refuseIfFindings(result.findings().stream().filter(f -> paper.equals(f.table())).toList());
        return export.sign(new BhytExport.Result(result.encounterId(), result.maLk(), result.patientId(), only,
                List.of()));
    }

    private static void refuseIfFindings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        String listed = findings.stream().limit(LISTED).map(f -> f.ruleId() + " " + f.location() + ": " + f.messageVi())
                .collect(Collectors.joining("; "));
        throw new ClaimRefused(findings.size() > LISTED ? listed + "; … (" + findings.size() + " lỗi)" : listed);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
