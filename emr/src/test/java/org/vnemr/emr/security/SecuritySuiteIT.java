package org.vnemr.emr.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.access.Role;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bộ kiểm thử an ninh: hostile input against every search parameter of the main FHIR resource types (read from the
 * CapabilityStatement) and every form field of every screen reachable by GET without path variables (found in the
 * rendered pages, so new screens are covered when they arrive), XXE in FHIR XML, path traversal on static routes,
 * oversized bodies, session fixation, CSRF and the Spring error page. Everything must be refused or answered cleanly
 * — 2xx/3xx/4xx, never 5xx, no stack trace or SQL text, no reflected script — and nothing may be stored.
 */
class SecuritySuiteIT {

    static final List<String> HOSTILE = List.of("' OR 1=1--", "'; DROP TABLE patient;--", "$(touch /tmp/vnemr-pwned)",
            "`id`", "<script>alert(1)</script>", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "\u0000x",
            "\u202Egnp.exe", "Ｏ'Ｒ 1=1", "\uFEFF' or ''='", "${jndi:ldap://x/a}", "{{7*7}}", "*)(uid=*",
            "a".repeat(5000), "\uD83D\uDE00\u0301\u0301", "1e999999", "-1", "9999999999999999999999");
    static final List<String> MAIN_TYPES = List.of("Patient", "Encounter", "Observation", "Condition",
            "MedicationRequest", "Practitioner", "Organization", "AuditEvent", "Consent", "DocumentReference");
    static final Pattern LEAK = Pattern.compile(
            "(?i)(Exception|\\bat (org|java|jakarta|ca)\\.|PSQL|syntax error at|SQLState|Whitelabel|root:x:0)");

    static EmrTestServer server;
    static String doctor;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start("--vnemr.fhir.max-request-bytes=1000000", "--vnemr.ui.max-request-bytes=1000000");
        doctor = server.user(Role.DOCTOR, "prac-1", "khoa-a");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Rows in every table but the audit trail (which records the attempts, as it must). */
    static long storedRows() {
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'flyway_schema_history')""",
                String.class);
        long rows = 0;
        for (String table : tables) {
            rows += jdbc.queryForObject("SELECT count(*) FROM \"" + table.replace("\"", "") + "\"", Long.class);
        }
        return rows;
    }

    static void assertClean(String what, int status, String body) {
        assertClean(what, status, body, "text/html");
    }

    /**
     * No 5xx, nothing of the server's insides, and — in HTML — no script echoed back unescaped (a FHIR JSON answer
     * may quote the bad value: browsers do not run JSON, and nosniff stops them guessing otherwise).
     */
    static void assertClean(String what, int status, String body, String contentType) {
        assertThat(status).as(what + " → " + status).isLessThan(500);
        assertThat(LEAK.matcher(body == null ? "" : body).find()).as(what + " leaks: " + body).isFalse();
        if (contentType == null || contentType.contains("html")) {
            assertThat(body == null ? "" : body).as(what + " reflects script").doesNotContain("<script>alert(1)");
        }
    }

    @Test
    void hostileValues_inEverySearchParameterOfTheMainTypes_areAnsweredCleanly_andStoreNothing() throws Exception {
        JsonNode capability = new ObjectMapper().readTree(server.fhir().get("metadata").body());
        long before = storedRows();
        int tried = 0;
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            String type = resource.path("type").asText();
            if (!MAIN_TYPES.contains(type)) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>(List.of("_id", "_lastUpdated", "_sort", "_count", "_include",
                    "_summary", "_elements", "_text"));
            resource.path("searchParam").forEach(p -> names.add(p.path("name").asText()));
            for (String name : names) {
                for (String value : HOSTILE) {
                    String path = type + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    FhirTestServer.Response r = server.fhir().get(path);
                    assertClean(path, r.status(), r.body(), r.header("Content-Type"));
                    assertThat(r.header("Content-Type")).as(path).doesNotContain("html");
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(500);
        assertThat(storedRows()).isEqualTo(before);
    }

    /** Every POST form of every page a doctor (and an anonymous visitor) can open by GET without path variables. */
    @Test
    void hostileValues_inEveryFormFieldOfEveryScreen_areRefusedCleanly_andStoreNothing() {
        long before = storedRows();
        List<String> checkedForms = new ArrayList<>();
        for (boolean anonymous : List.of(true, false)) {
            for (String page : getRoutesWithoutVariables()) {
                UiClient client = anonymous ? UiClient.anonymous(server.root()) : server.login(doctor);
                UiClient.Response shown = client.get(page);
                for (Form form : forms(shown.body())) {
                    if (form.action().equals("/dang-xuat")) {
                        continue; // its only field is the anti-forgery token, tested below
                    }
                    for (String field : form.fields()) {
                        for (String value : HOSTILE) {
                            if (anonymous) {
                                client.get(page); // a fresh login token for each attempt
                            }
                            Map<String, String> values = new LinkedHashMap<>();
                            form.fields().forEach(f -> values.put(f, "x"));
                            values.put(field, value);
                            UiClient.Response r = client.post(form.action(), values);
                            assertClean(form.action() + " " + field + "=" + value, r.status(), r.body());
                        }
                    }
                    checkedForms.add(form.action() + form.fields());
                }
            }
        }
        assertThat(checkedForms).anyMatch(f -> f.startsWith("/dang-nhap[") && f.contains("password"));
        assertThat(storedRows()).isEqualTo(before);
    }

    /** GET routes of the screens without path variables: where forms can be found by rendering the page. */
    static List<String> getRoutesWithoutVariables() {
        var mapping = server.routes();
        List<String> routes = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, method) -> {
            if (org.vnemr.emr.web.RequiresInterceptor.isScreen(method)) {
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty() || methods.contains(org.springframework.web.bind.annotation.RequestMethod.GET)) {
                    info.getPatternValues().stream().filter(p -> !p.contains("{")).forEach(routes::add);
                }
            }
        });
        return routes.stream().distinct().sorted().toList();
    }

    record Form(String action, List<String> fields) {
    }

    static List<Form> forms(String html) {
        List<Form> forms = new ArrayList<>();
        Matcher form = Pattern.compile("(?s)<form\\b([^>]*)>(.*?)</form>").matcher(html);
        while (form.find()) {
            String attributes = form.group(1);
            if (!attributes.toLowerCase().contains("method=\"post\"")) {
                continue;
            }
            Matcher action = Pattern.compile("action=\"([^\"]*)\"").matcher(attributes);
            if (!action.find()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            Matcher field = Pattern.compile("<(?:input|textarea|select)\\b[^>]*\\bname=\"([^\"]+)\"").matcher(form.group(2));
            while (field.find()) {
                if (!field.group(1).equals("_csrf") && !fields.contains(field.group(1))) {
                    fields.add(field.group(1));
                }
            }
            forms.add(new Form(action.group(1).replace("&amp;", "&"), fields));
        }
        return forms;
    }

    @Test
    void xmlWithExternalEntities_isRefused_andReadsNoFile() {
        long before = storedRows();
        for (String xml : List.of("""
                <?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Patient xmlns="http://hl7.org/fhir"><name><family value="&x;"/></name></Patient>""", """
                <?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
                <Patient xmlns="http://hl7.org/fhir"><name><family value="&d;&d;&d;"/></name></Patient>""", """
                <?xml version="1.0"?><!DOCTYPE p SYSTEM "http://127.0.0.1:1/evil.dtd">
                <Patient xmlns="http://hl7.org/fhir"><gender value="male"/></Patient>""")) {
            FhirTestServer.Response r = server.fhir().send("POST", "Patient", xml,
                    Map.of("Content-Type", "application/fhir+xml", "Accept", "application/fhir+json"));
            assertClean("XXE", r.status(), r.body(), r.header("Content-Type"));
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
        }
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void pathTraversal_onStaticAndScreenRoutes_findsNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/css/../../../../etc/passwd", "/css/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/js/..%2f..%2f..%2fetc%2fpasswd", "/css/..%5c..%5capplication.properties",
                "/js/%252e%252e/%252e%252e/etc/passwd", "/static/../application.properties",
                "/WEB-INF/web.xml", "/css/..;/..;/etc/passwd", "/xac-minh/ho-so?id=../../etc/passwd",
                "/fhir/Binary/..%2f..%2fetc%2fpasswd")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.root() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertClean(path, r.statusCode(), r.body());
            assertThat(r.body()).as(path).doesNotContain("root:").doesNotContain("spring.");
        }
        // hostile ids in the path variables of patient screens, as a logged-in doctor (past the login redirect)
        UiClient client = server.login(doctor);
        for (String value : HOSTILE) {
            if (value.length() > 100) {
                continue; // a 5000-character path is the web server's 400, tested by the forms
            }
            String id = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of("/benh-nhan/" + id + "/nhat-ky", "/benh-nhan/" + id + "/dong-y")) {
                UiClient.Response r = client.get(path);
                assertClean(path, r.status(), r.body());
            }
        }
    }

    @Test
    void oversizedBodies_areRefusedWith413_onTheApiAndTheScreens() throws Exception {
        long before = storedRows();
        String big = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "A".repeat(2_000_000) + "\"}]}";
        FhirTestServer.Response api = server.fhir().post("Patient", big);
        assertThat(api.status()).isEqualTo(413);
        UiClient client = server.login(doctor);
        UiClient.Response screen = client.post("/pha-kinh", Map.of("reason", "B".repeat(2_000_000)));
        assertThat(screen.status()).isEqualTo(413);
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void theSessionId_changesAtLogin() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = http.send(HttpRequest.newBuilder(URI.create(server.root() + "/dang-nhap")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String before = sessionId(cookies);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        String body = "_csrf=" + csrf.group(1) + "&username=" + doctor + "&password="
                + URLEncoder.encode(EmrTestServer.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(server.root() + "/dang-nhap"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(before).isNotNull();
        assertThat(sessionId(cookies)).isNotNull().isNotEqualTo(before);
    }

    static String sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void aPostWithoutTheAntiForgeryToken_isRefused_andStoresNothing() {
        long before = storedRows();
        UiClient client = server.login(doctor);
        for (String path : List.of("/pha-kinh", "/dang-xuat", "/doi-mat-khau", "/canh-bao/1/da-xem")) {
            UiClient.Response r = client.post(path, Map.of("_csrf", "forged", "reason", "Cấp cứu ngừng tim"));
            assertThat(r.status()).as(path).isEqualTo(403);
        }
        assertThat(client.get("/").status()).as("still logged in").isEqualTo(200);
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void securityHeaders_areOnEveryAnswer_andTheErrorPageIsVietnameseWithoutDetails() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/dang-nhap", "/fhir/metadata", "/css/vnemr.css", "/khong-co-trang-nay")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.root() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).isPresent();
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
        }
        UiClient client = server.login(doctor);
        UiClient.Response missing = client.send(HttpRequest.newBuilder(URI.create(server.root() + "/khong-co-trang-nay"))
                .header("Accept", "text/html,application/xhtml+xml"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Không tìm thấy trang này");
        assertClean("404 page", missing.status(), missing.body());
        for (String page : List.of("/", "/dang-nhap", "/xac-minh")) {
            assertThat(client.get(page).body()).as(page + ": no inline script (CSP)")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        }
    }

    @Test
    void bruteForce_locksTheAccountAfterFive_andTheLoginRateLimitAnswers429() {
        try (EmrTestServer limited = EmrTestServer.start("--vnemr.rate-limit.enabled=true",
                "--vnemr.rate-limit.login-per-minute=8", "--vnemr.rate-limit.address-per-second=1000")) {
            String victim = limited.user(Role.NURSE, "prac-9", "khoa-a");
            UiClient attacker = UiClient.anonymous(limited.root());
            List<Integer> statuses = new ArrayList<>();
            String lastBody = "";
            long started = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                attacker.get("/dang-nhap");
                UiClient.Response r = attacker.post("/dang-nhap",
                        Map.of("username", victim, "password", i == 5 ? EmrTestServer.PASSWORD : "sai-mat-khau-" + i));
                statuses.add(r.status());
                if (i == 5) {
                    assertThat(r.body()).as("the right password after 5 failures").contains("VNEMR-5011");
                }
                if (r.status() == 429) {
                    assertThat(r.header("Retry-After")).isNotEmpty();
                    lastBody = r.body();
                }
            }
            // 8 at once, then one more each 7.5 s: how many may pass depends on how long the attempts took
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(statuses.subList(0, 8)).doesNotContain(429);
            assertThat(statuses.stream().filter(s -> s != 429).count()).as(statuses + " in " + seconds + " s")
                    .isLessThanOrEqualTo(8 + (long) Math.ceil(seconds * 8 / 60));
            assertThat(statuses).contains(429);
            assertThat(lastBody).contains("Quá nhiều").contains("VNEMR-5211");
            FhirTestServer.Response api = null;
            for (int i = 0; i < 3; i++) {
                api = limited.fhir().send("POST", limited.root() + "/auth/token", "grant_type=client_credentials",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
            }
            assertThat(api.status()).isEqualTo(429);
            assertThat(api.body()).contains("OperationOutcome").contains("VNEMR-5211");
        }
    }
}
