package org.vnemr.emr.security;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.RequiresRole;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.account.Account;
import org.vnemr.platform.account.AccountService;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Quản trị tài khoản ({@code /quan-tri/tai-khoan}, administrators only): the list of accounts with their state, a new
 * account (linked to a Practitioner, with roles and departments) whose one-time password is shown once, and per
 * account: disable, reset the password (a new one-time password shown once), unlock. Every change is audited by
 * {@link AccountService}.
 */
@Controller
@RequiresRole(Role.ADMINISTRATOR)
public class AccountsController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final AccountService accounts;
    private final ClinicalStore store;
    private final ZoneId zone;

    public AccountsController(AccountService accounts, ClinicalStore store, Environment env) {
        this.accounts = accounts;
        this.store = store;
        this.zone = ZoneId.of(env.getProperty("vnemr.time-zone", "Asia/Ho_Chi_Minh"));
    }

    /** One row of the list. */
    public record Row(String username, String displayName, String practitionerId, String roles, String departments,
                      String state, boolean totp, String lastLogin) {
    }

    @GetMapping("/quan-tri/tai-khoan")
    public String list(Model model) {
        model.addAttribute("form", emptyForm());
        return page(model);
    }

    @PostMapping("/quan-tri/tai-khoan")
    public String create(CurrentUser admin, Model model, @RequestParam(defaultValue = "") String username,
                         @RequestParam(defaultValue = "") String displayName,
                         @RequestParam(defaultValue = "") String practitionerId,
                         @RequestParam(name = "roles", required = false) List<String> roles,
                         @RequestParam(defaultValue = "") String departments) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("displayName", displayName);
        form.put("practitionerId", practitionerId);
        form.put("departments", departments);
        model.addAttribute("form", form);
        model.addAttribute("chosenRoles", roles == null ? List.of() : roles);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = username.strip().toLowerCase();
        if (!name.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            errors.put("username", Messages.vi("VNEMR-5016"));
        } else if (accounts.find(name).isPresent()) {
            errors.put("username", Messages.vi("VNEMR-5230"));
        }
        if (displayName.isBlank() || displayName.length() > 200) {
            errors.put("displayName", Messages.vi("VNEMR-5231"));
        }
        List<Role> chosen = new ArrayList<>();
        for (String code : roles == null ? List.<String>of() : roles) {
            Role.ofCode(code).ifPresentOrElse(chosen::add, () -> errors.put("roles", Messages.vi("VNEMR-5232")));
        }
        if (chosen.isEmpty()) {
            errors.putIfAbsent("roles", Messages.vi("VNEMR-5232"));
        }
        String practitioner = practitionerId.strip();
        if (!practitioner.isEmpty() && (!ID.matcher(practitioner).matches()
                || store.readReference(Practitioner.class, practitioner).isEmpty())) {
            errors.put("practitionerId", Messages.vi("VNEMR-5233", practitioner));
        }
        List<String> departmentIds = Arrays.stream(departments.split("[,;\\s]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().toList();
        for (String department : departmentIds) {
            if (!ID.matcher(department).matches() || store.readReference(Organization.class, department).isEmpty()) {
                errors.put("departments", Messages.vi("VNEMR-5234", department));
                break;
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return page(model);
        }
        String password = AccountService.oneTimePassword();
        Optional<String> refused = accounts.create(name, practitioner.isEmpty() ? null : practitioner,
                displayName.strip(), chosen.stream().map(Role::code).toList(), departmentIds, password, true);
        if (refused.isPresent()) {
            model.addAttribute("errors", Map.of("username", Messages.vi(refused.get())));
            return page(model);
        }
        accounts.recordAdministration(admin.username(), "account " + name + " created");
        model.addAttribute("shownOnce", Map.of("username", name, "password", password));
        model.addAttribute("form", emptyForm());
        model.addAttribute("chosenRoles", List.of());
        return page(model);
    }

    @PostMapping("/quan-tri/tai-khoan/{username}/vo-hieu-hoa")
    public String disable(CurrentUser admin, Model model, @PathVariable String username) {
        if (username.equals(admin.username())) {
            model.addAttribute("notice", Messages.vi("VNEMR-5235"));
        } else if (!accounts.disable(username, "disabled by " + admin.username(), admin.username())) {
            model.addAttribute("notice", Messages.vi("VNEMR-5236", username));
        }
        model.addAttribute("form", emptyForm());
        return page(model);
    }

    @PostMapping("/quan-tri/tai-khoan/{username}/mo-khoa")
    public String unlock(CurrentUser admin, Model model, @PathVariable String username) {
        if (!accounts.unlock(username, admin.username())) {
            model.addAttribute("notice", Messages.vi("VNEMR-5236", username));
        }
        model.addAttribute("form", emptyForm());
        return page(model);
    }

    @PostMapping("/quan-tri/tai-khoan/{username}/dat-lai-mat-khau")
    public String reset(CurrentUser admin, Model model, @PathVariable String username) {
        accounts.resetPassword(username, admin.username()).ifPresentOrElse(
                password -> model.addAttribute("shownOnce", Map.of("username", username, "password", password)),
                () -> model.addAttribute("notice", Messages.vi("VNEMR-5236", username)));
        model.addAttribute("form", emptyForm());
        return page(model);
    }

    /** The new-account form with every field blank (the template reads each key). */
    private static Map<String, String> emptyForm() {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("username", "displayName", "practitionerId", "departments")) {
            form.put(field, "");
        }
        return form;
    }

    private String page(Model model) {
        Instant now = Instant.now();
        model.addAttribute("rows", accounts.list().stream().map(a -> row(a, now)).toList());
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("chosenRoles")) {
            model.addAttribute("chosenRoles", List.of());
        }
        return "security/accounts";
    }

    private Row row(Account a, Instant now) {
        String state = a.disabled() ? "Vô hiệu hoá"
                : a.lockedUntil() != null && a.lockedUntil().isAfter(now)
                ? "Tạm khoá đến " + WHEN.format(a.lockedUntil().atZone(zone))
                : a.mustChangePassword() ? "Chờ đổi mật khẩu lần đầu" : "Hoạt động";
        String roles = String.join(", ", a.roles().stream()
                .map(code -> Role.ofCode(code).map(Role::vietnamese).orElse(code)).toList());
        return new Row(a.username(), a.displayName(), a.practitionerId(), roles, String.join(", ", a.departmentIds()),
                state, a.hasTotp(), a.lastLogin() == null ? "" : WHEN.format(a.lastLogin().atZone(zone)));
    }
}
