package org.vnemr.emr.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-less session on the screens: keeps the session cookie and the anti-forgery token, sends forms the way
 * the pages do. For HTTP-level tests and the load benchmark; journeys that need a page's behaviour use
 * {@link Browser}.
 */
public final class UiClient {

    private static final Pattern CSRF = Pattern.compile("name=\"(?:_csrf|csrf-token)\"[^>]*(?:value|content)=\"([^\"]+)\"");

    private final String root;
    private final HttpClient http;
    private String csrf;

    private UiClient(String root) {
        this.root = root;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A session that is not logged in (for testing the login itself). */
    public static UiClient anonymous(String root) {
        return new UiClient(root);
    }

    public static UiClient login(String root, String username, String password) {
        return login(root, username, password, null);
    }

    /** Logs in with a second factor (administrators, or anyone enrolled in TOTP). */
    public static UiClient login(String root, String username, String password, String totp) {
        UiClient client = new UiClient(root);
        client.get("/dang-nhap");
        Map<String, String> form = new LinkedHashMap<>(Map.of("username", username, "password", password));
        if (totp != null) {
            form.put("totp", totp);
        }
        Response answer = client.post("/dang-nhap", form);
        if (answer.status() != 302 || answer.header("Location").contains("dang-nhap")) {
            throw new IllegalStateException("login of " + username + " failed: " + answer.status() + " "
                    + answer.body());
        }
        client.get("/");
        return client;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
    }

    /** Posts a form with the session's anti-forgery token added. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Sends a prepared request (e.g. with {@code HX-Request}) with the session cookie. */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer (a printed PDF) with the session cookie; fails on anything but 200. */
    public byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(root + path))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String csrf() {
        return csrf;
    }

    /** An answer: status, body, headers. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse("");
        }
    }
}
