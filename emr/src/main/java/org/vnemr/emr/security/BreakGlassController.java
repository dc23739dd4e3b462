package org.vnemr.emr.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.emr.web.RequiresInterceptor.AccessRefused;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.AccessDecision;
import org.vnemr.platform.access.BreakGlassGrants;
import org.vnemr.platform.access.PatientScope;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.access.Role;
import org.vnemr.fhir.search.SearchService;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phá kính (break-the-glass): a clinician refused a patient's record outside their scope types why they need it
 * (at least 10 characters); the shared {@link AccessDecision} grants access for an hour, writes it to the audit
 * trail, and alerts the heads of the departments caring for the patient, who see it on their home page and mark
 * it seen here.
 */
@Controller
public class BreakGlassController {

    /** Ids as the store makes them; anything else is refused before it reaches a query. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final AccessDecision decision;
    private final PatientScope scopes;
    private final BreakGlassGrants grants;

    public BreakGlassController(AccessDecision decision, SearchService search, BreakGlassGrants grants) {
        this.decision = decision;
        this.scopes = new PatientScope(search);
        this.grants = grants;
    }

    @GetMapping("/pha-kinh")
    public String form(CurrentUser user, Model model, @RequestParam(defaultValue = "") String patient,
                       @RequestParam(defaultValue = "/") String next) {
        checkMayBreakGlass(user, patient);
        model.addAttribute("patient", patient);
        model.addAttribute("next", safeNext(next));
        model.addAttribute("minLength", AccessDecision.MIN_REASON_LENGTH);
        return "security/break-glass";
    }

    @PostMapping("/pha-kinh")
    public String breakGlass(CurrentUser user, Model model, @RequestParam(defaultValue = "") String patient,
                             @RequestParam(defaultValue = "/") String next,
                             @RequestParam(defaultValue = "") String reason) {
        checkMayBreakGlass(user, patient);
        model.addAttribute("patient", patient);
        model.addAttribute("next", safeNext(next));
        model.addAttribute("minLength", AccessDecision.MIN_REASON_LENGTH);
        model.addAttribute("reason", reason);
        if (reason.strip().length() < AccessDecision.MIN_REASON_LENGTH || reason.length() > 1000) {
            model.addAttribute("errors", Map.of("reason", Messages.vi("VNEMR-5062")));
            return "security/break-glass";
        }
        var subject = new AccessDecision.Subject(user.username(), Set.copyOf(user.roles()),
                Set.copyOf(user.departmentIds()), user.practitionerId());
        var answer = decision.decide(subject, Permission.VIEW, scopes.of(patient), reason);
        if (!answer.allowed()) {
            model.addAttribute("errors", Map.of("reason", Messages.vi(answer.errorCode())));
            return "security/break-glass";
        }
        return "redirect:" + safeNext(next);
    }

    /** A department head marks an alert of one of their departments as seen. */
    @PostMapping("/canh-bao/{alertId}/da-xem")
    @Requires(Permission.VIEW)
    public String seen(CurrentUser user, @PathVariable long alertId) {
        // only a head's own departments' alerts match; anyone else changes nothing
        if (user.has(Role.DEPARTMENT_HEAD)) {
            grants.markSeen(alertId, user.username(), user.departmentIds(), Clock.systemUTC().instant());
        }
        return "redirect:/";
    }

    private static void checkMayBreakGlass(CurrentUser user, String patient) {
        if (!ID.matcher(patient).matches() || user.roles().stream().noneMatch(Role::mayBreakGlass)) {
            throw new AccessRefused("VNEMR-5060", null, "/pha-kinh");
        }
    }

    /** Back to a page of this node only: a path, never another site ({@code //host}, {@code https:}). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
