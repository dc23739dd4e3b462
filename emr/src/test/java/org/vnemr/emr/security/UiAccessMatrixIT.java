package org.vnemr.emr.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.emr.web.Requires;
import org.vnemr.emr.web.RequiresInterceptor;
import org.vnemr.emr.web.RequiresRole;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.access.AccessDecision;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.access.Role;
import org.vnemr.platform.access.Scope;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every role × every screen route found in Spring MVC's {@code RequestMappingHandlerMapping} — so routes other
 * features add are covered without editing this test — on a patient of the person's own department (where the
 * person is a participant) and on one of another department. The screens must refuse (header
 * {@value RequiresInterceptor#REFUSED_HEADER}) exactly what {@link Role}'s matrix refuses for the handler's
 * {@link Requires}, allow the rest, and never answer 500.
 */
class UiAccessMatrixIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static EmrTestServer server;
    private static String patientA;
    private static String patientB;
    private static String encounterA;
    private static String encounterB;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start("--vnemr.fhir.referential-integrity=false");
        patientA = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Nguyễn\"}]}");
        patientB = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Hoàng\"}]}");
        encounterA = encounter(patientA, "khoa-a", "prac-1");
        encounterB = encounter(patientB, "khoa-b", "prac-2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String create(String type, String json) {
        FhirTestServer.Response r = server.fhir().post(type, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").replaceAll(".*/" + type + "/([^/]+)/.*", "$1");
    }

    static String encounter(String patient, String department, String practitioner) {
        return create("Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\",\"class\":{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},\"subject\":{\"reference\":"
                + "\"Patient/" + patient + "\"},\"serviceProvider\":{\"reference\":\"Organization/" + department
                + "\"},\"participant\":[{\"individual\":{\"reference\":\"Practitioner/" + practitioner + "\"}}]}");
    }

    /** One screen route as registered: method, pattern, the handler's requirement (null: open or unannotated). */
    record Route(String method, String pattern, Requires requires, RequiresRole roles) {
    }

    static List<Route> screenRoutes() {
        RequestMappingHandlerMapping mapping = server.routes();
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (!RequiresInterceptor.isScreen(e.getValue())) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(m.name(), pattern, RequiresInterceptor.requirementOf(e.getValue()),
                            RequiresInterceptor.rolesOf(e.getValue())));
                }
            }
        }
        // logging out ends the session: walk it last
        routes.sort(Comparator.comparing((Route r) -> r.pattern().equals("/dang-xuat")).thenComparing(Route::pattern)
                .thenComparing(Route::method));
        return routes;
    }

    /** What the matrix says for a person of khoa-a, practitioner prac-1, acting in {@code role} now. */
    static boolean expected(Role role, Route route, boolean ownPatient) {
        if (route.requires() == null && route.roles() != null) {
            return List.of(route.roles().value()).contains(role) && role.activeAt(LocalTime.now(ZONE));
        }
        if (route.requires() == null) {
            if (route.pattern().equals("/pha-kinh")) {
                return role.mayBreakGlass(); // the way out of a refusal, for the roles that may break the glass
            }
            return RequiresInterceptor.OPEN_ROUTES.contains(route.pattern());
        }
        if (!role.activeAt(LocalTime.now(ZONE))) {
            return false;
        }
        Permission permission = route.requires().value();
        Scope scope = role.scope(permission);
        var subject = new AccessDecision.Subject("x", Set.of(role), Set.of("khoa-a"), "prac-1");
        AccessDecision.Target target = route.requires().patient().isEmpty() ? AccessDecision.Target.noPatient()
                : ownPatient ? new AccessDecision.Target(patientA, Set.of("khoa-a"), Set.of("prac-1"))
                : new AccessDecision.Target(patientB, Set.of("khoa-b"), Set.of("prac-2"));
        return scope != Scope.NONE && AccessDecision.covers(scope, subject, target);
    }

    static String path(Route route, boolean ownPatient) {
        String path = route.pattern()
                .replace("{patientId}", ownPatient ? patientA : patientB)
                .replace("{encounterId}", ownPatient ? encounterA : encounterB)
                .replaceAll("\\{[^}]+}", "1")
                .replace("/**", "/x");
        return route.pattern().equals("/pha-kinh") ? path + "?patient=" + patientB : path;
    }

    static UiClient login(Role role) {
        String user = server.user(role, "prac-1", "khoa-a");
        return role == Role.ADMINISTRATOR ? server.loginWithTotp(user) : server.login(user);
    }

    @Test
    void everyRole_timesEveryScreenRoute_isDecidedAsTheMatrixSays() {
        List<Route> routes = screenRoutes();
        assertThat(routes).extracting(Route::pattern).contains("/", "/dang-nhap", "/pha-kinh", "/nhat-ky",
                "/benh-nhan/{patientId}/nhat-ky");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            UiClient client = login(role);
            for (Route route : routes) {
                boolean aboutPatient = route.requires() != null && !route.requires().patient().isEmpty();
                for (boolean own : aboutPatient ? List.of(true, false) : List.of(true)) {
                    String path = path(route, own);
                    UiClient.Response answer = route.method().equals("GET") ? client.get(path)
                            : client.post(path, Map.of());
                    boolean refused = !answer.header(RequiresInterceptor.REFUSED_HEADER).isEmpty();
                    boolean expected = expected(role, route, own);
                    checked++;
                    if (refused == expected || answer.status() >= 500) {
                        mismatches.add(role.code() + " " + route.method() + " " + path + ": expected "
                                + (expected ? "allow" : "deny") + ", got " + answer.status() + " "
                                + answer.header(RequiresInterceptor.REFUSED_HEADER));
                    }
                    if (refused) {
                        assertThat(answer.status()).as(path).isEqualTo(403);
                        assertThat(answer.body()).doesNotContain("Exception").contains("Không có quyền truy cập");
                    }
                }
            }
        }
        assertThat(mismatches).as("checked " + checked + " role × route decisions").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(Role.values().length * routes.size());
    }

    /**
     * The screens section of docs/security/access-matrix.md lists every route with its requirement and what each
     * role gets; rewrite it with {@code -Dvnemr.docs.update=true}.
     */
    @Test
    void accessMatrixPage_listsEveryScreenRoute() throws Exception {
        java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "security", "access-matrix.md");
        String page = java.nio.file.Files.readString(doc, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder md = new StringBuilder(org.vnemr.platform.access.AccessMatrixDoc.SCREENS_MARKER)
                .append("\n## Màn hình / screens\n\n")
                .append("Every screen route (Spring MVC handlers of `org.vnemr.emr`), as enforced by `RequiresInterceptor` ")
                .append("through the same `AccessDecision`. *patient* routes are decided on the patient of the path ")
                .append("variable (`patientId`, or the subject of `encounterId`): dept/own as in the matrix above; outside ")
                .append("it the 403 page offers break-the-glass to clinical roles. *open* routes check who asks themselves. ")
                .append("Cells: the scope the role gets (all/dept/own), ✓ allowed, — refused. Hours apply.\n\n")
                .append("| Method | Route | Requires |");
        for (Role role : Role.values()) {
            md.append(' ').append(role.code()).append(" |");
        }
        md.append("\n|---|---|---|").append("---|".repeat(Role.values().length)).append('\n');
        List<Route> routes = new ArrayList<>(screenRoutes());
        routes.sort(Comparator.comparing(Route::pattern).thenComparing(Route::method));
        for (Route route : routes) {
            String requires = route.requires() != null
                    ? route.requires().value().name().toLowerCase(java.util.Locale.ROOT)
                    + (route.requires().patient().isEmpty() ? "" : " (patient: `" + route.requires().patient() + "`)")
                    : route.roles() != null ? "role: " + String.join(", ", java.util.Arrays.stream(route.roles().value())
                    .map(Role::code).toList())
                    : "open";
            md.append("| ").append(route.method()).append(" | `").append(route.pattern()).append("` | ")
                    .append(requires).append(" |");
            for (Role role : Role.values()) {
                String cell;
                if (route.requires() != null) {
                    Scope scope = role.scope(route.requires().value());
                    cell = switch (scope) {
                        case NONE -> "—";
                        case OWN_PATIENTS -> route.requires().patient().isEmpty() ? "✓" : "own";
                        case OWN_DEPARTMENT -> route.requires().patient().isEmpty() ? "✓" : "dept";
                        case ALL_DEPARTMENTS -> route.requires().patient().isEmpty() ? "✓" : "all";
                    };
                } else if (route.roles() != null) {
                    cell = List.of(route.roles().value()).contains(role) ? "✓" : "—";
                } else {
                    cell = route.pattern().equals("/pha-kinh") && !role.mayBreakGlass() ? "—" : "✓";
                }
                md.append(' ').append(cell).append(" |");
            }
            md.append('\n');
        }
        String expected = org.vnemr.platform.access.AccessMatrixDoc.matrixPart(page) + md;
        if (Boolean.getBoolean("vnemr.docs.update")) {
            java.nio.file.Files.writeString(doc, expected, java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(java.nio.file.Files.readString(doc, java.nio.charset.StandardCharsets.UTF_8))
                .as("docs/security/access-matrix.md screens section is out of date: run UiAccessMatrixIT with "
                        + "-Dvnemr.docs.update=true").isEqualTo(expected);
    }
}
