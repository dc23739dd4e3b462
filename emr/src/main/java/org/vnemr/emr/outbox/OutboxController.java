package org.vnemr.emr.outbox;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxMessage;

/**
 * Hàng đợi gửi đi: what is waiting to leave the node and what the national systems refused, so nothing fails
 * silently. Hospital IT and the insurance staff see the counts and the failures with their reasons, and put a
 * message back in the queue once the cause is fixed on the other side.
 */
@Controller
public class OutboxController {

    private final Outbox outbox;
    private final AuditTrail audit;

    public OutboxController(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping("/quan-tri/hang-doi")
    @Requires(Permission.EXPORT)
    public String queue(Model model) {
        model.addAttribute("counts", outbox.counts());
        model.addAttribute("statuses", OutboxMessage.Status.values());
        model.addAttribute("failures", outbox.failures(100));
        return "outbox/queue";
    }

    @PostMapping("/quan-tri/hang-doi/{id}/gui-lai")
    @Requires(Permission.EXPORT)
    public String retry(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        boolean queued = outbox.retry(id);
        audit.record(AuditRecord.of(user.username(), AuditAction.ADMINISTRATION).withRole(user.roleCodes())
                .withWhat("outbox_message/" + id + " retry"));
        redirect.addFlashAttribute(queued ? "retried" : "notRetried", id);
        return "redirect:/quan-tri/hang-doi";
    }
}
