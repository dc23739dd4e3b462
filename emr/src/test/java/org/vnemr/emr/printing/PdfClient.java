package org.vnemr.emr.printing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in session that fetches answers as bytes (the papers are PDF, not text). */
final class PdfClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String root;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private PdfClient(String root) {
        this.root = root;
    }

    static PdfClient anonymous(String root) {
        return new PdfClient(root);
    }

    static PdfClient login(String root, String username, String password) {
        PdfClient client = new PdfClient(root);
        String page = new String(client.get("/dang-nhap").body(), StandardCharsets.UTF_8);
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no anti-forgery token on the login page");
        }
        String form = "_csrf=" + enc(m.group(1)) + "&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(root + "/dang-nhap"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("dang-nhap")) {
            throw new IllegalStateException("login failed: " + answer.statusCode());
        }
        return client;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
