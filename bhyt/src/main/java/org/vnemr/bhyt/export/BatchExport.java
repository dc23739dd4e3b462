package org.vnemr.bhyt.export;

import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.signing.Signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Monthly reconciliation: every visit that ended in a date range (optionally of one department) written as one
 * signed file per dossier, {@code <MA_LK>.xml}, into a directory. A dossier with findings is still written (the
 * clerk fixes and resends) but counted and listed in the summary.
 */
public final class BatchExport {

    private final BhytExport export;

    public BatchExport(BhytExport export) {
        this.export = export;
    }

    public record Item(String encounterId, String maLk, Path file, int findings, String problem) {
    }

    public record Summary(int visits, int written, int withFindings, int failed, List<Item> items) {
    }

    public Summary run(LocalDate from, LocalDate to, String maKhoa, Path out, Consumer<Item> progress) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> ids = export.loader().finishedBetween(from, to, maKhoa);
        Signer signer = ids.isEmpty() ? null : export.signer();
        List<Item> items = new ArrayList<>();
        int written = 0;
        int withFindings = 0;
        int failed = 0;
        for (String id : ids) {
            Item item;
            try {
                BhytExport.Result result = export.build(id);
                byte[] signed = org.vnemr.bhyt.xml130.EnvelopeXml.signedEnvelope(
                        result.dossier().rows("XML1").get(0).get("MA_CSKCB"), LocalDate.now(), result.dossier(), signer);
                Path file = out.resolve(safe(result.maLk()) + ".xml");
                Files.write(file, signed);
                written++;
                if (!result.findings().isEmpty()) {
                    withFindings++;
                }
                item = new Item(id, result.maLk(), file, result.findings().size(), "");
            } catch (Xml130Exception e) {
                failed++;
                item = new Item(id, "", null, 0, e.messageVi());
            } catch (IOException e) {
                failed++;
                item = new Item(id, "", null, 0, e.getMessage());
            }
            items.add(item);
            progress.accept(item);
        }
        return new Summary(ids.size(), written, withFindings, failed, items);
    }

    /** MA_LK is ours (digits), but never let a stored value choose a path outside the directory. */
    static String safe(String maLk) {
        return maLk.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
