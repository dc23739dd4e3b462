package org.vnemr.emr.verification;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.vnemr.signing.document.DocumentVerification;
import org.vnemr.signing.document.SignatureVerification;
import org.vnemr.signing.pdf.PdfSignatureReport;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The signature check screen (Xác minh chữ ký số): a clerk, an insurance assessor or another facility opens a
 * signed paper — by uploading the PDF the patient brought, or by the document id printed beside its QR code — and
 * sees who signed it, when, whether it changed since, and whether each certificate was valid at the signing time.
 */
@Controller
public class SignatureVerificationController {

    /** A PDF larger than this is not a clinical paper; refuse before reading it. */
    static final long MAX_PDF_BYTES = 20L * 1024 * 1024;
    private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final PdfSignatureVerifier pdfs;
    private final SignatureVerification documents;

    public SignatureVerificationController(PdfSignatureVerifier pdfs, SignatureVerification documents) {
        this.pdfs = pdfs;
        this.documents = documents;
    }

    @GetMapping("/xac-minh")
    public String form() {
        return "verification/form";
    }

    @PostMapping("/xac-minh/pdf")
    public String verifyPdf(@RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "verify.error.file.missing");
            return "verification/form";
        }
        if (file.getSize() > MAX_PDF_BYTES) {
            model.addAttribute("fileError", "verify.error.file.tooLarge");
            return "verification/form";
        }
        List<PdfSignatureReport> reports = pdfs.verify(file.getBytes());
        model.addAttribute("fileName", file.getOriginalFilename());
        model.addAttribute("rows", reports.stream().map(SignatureRow::of).toList());
        model.addAttribute("valid", !reports.isEmpty() && PdfSignatureVerifier.allValid(reports));
        return "verification/result";
    }

    @GetMapping("/xac-minh/ho-so")
    public String verifyDocument(@RequestParam(name = "id", required = false) String id, Model model) {
        if (id == null || !DOCUMENT_ID.matcher(id.strip()).matches()) {
            model.addAttribute("idError", "verify.error.id.invalid");
            model.addAttribute("id", id);
            return "verification/form";
        }
        DocumentVerification verification = documents.verify(id.strip());
        model.addAttribute("documentId", verification.documentId());
        model.addAttribute("valid", verification.valid());
        model.addAttribute("rows", verification.signatures().stream().map(SignatureRow::of).toList());
        model.addAttribute("problems", verification.problems());
        return "verification/result";
    }
}
