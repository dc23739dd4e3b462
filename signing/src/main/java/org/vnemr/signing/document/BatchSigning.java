package org.vnemr.signing.document;

import org.springframework.dao.DataAccessException;
import org.vnemr.fhir.error.Messages;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Signing many documents at the end of a shift with one PIN entry: the caller opens the {@link Signer} once
 * (PIN, token, remote approval) and hands it here. Each document is signed in its own transaction, so one that
 * fails (wrong state, already signed, deleted) is reported and the others go on.
 */
public class BatchSigning implements AutoCloseable {

    private final SignedDocumentService documents;
    private final ExecutorService executor;
    private final Map<String, BatchSigningJob> jobs = new ConcurrentHashMap<>();

    public BatchSigning(SignedDocumentService documents, ExecutorService executor) {
        this.documents = documents;
        this.executor = executor;
    }

    /** Runs in the calling thread; returns the finished job. */
    public BatchSigningJob signAll(List<String> compositionIds, Signer signer, String role,
                                   BatchSigningJob.Listener listener) {
        BatchSigningJob job = register(compositionIds);
        run(job, compositionIds, signer, role, listener);
        return job;
    }

    /** Starts in the background; poll {@link #job(String)} or the returned job. */
    public BatchSigningJob start(List<String> compositionIds, Signer signer, String role,
                                 BatchSigningJob.Listener listener) {
        BatchSigningJob job = register(compositionIds);
        executor.submit(() -> run(job, compositionIds, signer, role, listener));
        return job;
    }

    public BatchSigningJob job(String id) {
        return jobs.get(id);
    }

    private BatchSigningJob register(List<String> compositionIds) {
        BatchSigningJob job = new BatchSigningJob(UUID.randomUUID().toString(), List.copyOf(compositionIds));
        jobs.put(job.id(), job);
        return job;
    }

    private void run(BatchSigningJob job, List<String> compositionIds, Signer signer, String role,
                     BatchSigningJob.Listener listener) {
        try {
            for (String id : compositionIds) {
                BatchSigningJob.Item item;
                try {
                    documents.sign(id, signer, role);
                    item = new BatchSigningJob.Item(id, BatchSigningJob.State.DONE, null, null, null);
                } catch (SigningException e) {
                    item = failed(id, e.code(), e.messageVi(), e.messageEn());
                } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
                    var issue = ((org.hl7.fhir.r4.model.OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    item = failed(id, issue.getDetails().getCodingFirstRep().getCode(), issue.getDetails().getText(),
                            issue.getDiagnostics());
                } catch (DataAccessException | IllegalStateException e) {
                    item = failed(id, "VNEMR-4140", Messages.vi("VNEMR-4140", id, e.getMessage()),
                            Messages.en("VNEMR-4140", id, e.getMessage()));
                }
                job.update(item);
                if (listener != null) {
                    listener.progressed(item, job.finishedCount(), job.total());
                }
            }
        } finally {
            job.finish();
        }
    }

    /** Stops the background worker when the application shuts down. */
    @Override
    public void close() {
        executor.shutdown();
    }

    private static BatchSigningJob.Item failed(String id, String code, String vi, String en) {
        return new BatchSigningJob.Item(id, BatchSigningJob.State.FAILED, code, vi, en);
    }
}
