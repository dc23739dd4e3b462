package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.bhyt.gateway.GatewayUnavailable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The national prescription system over HTTPS (API of QĐ 808/QĐ-BYT as seen in public client code; NATIONAL-FORMATS
 * §3.3 marks it unconfirmed, so every path is in one place here): facility login with its connection code
 * ({@code ma_lien_thong_co_so_kham_chua_benh}), then {@code POST /api/v1/gui-don-thuoc} with the
 * {@code access-token} header. A refused token is renewed once.
 */
public final class DonThuocQuocGiaClient implements NationalPrescriptionSystem {

    static final String LOGIN_PATH = "/api/auth/dang-nhap-co-so-kham-chua-benh";
    static final String SEND_PATH = "/api/v1/gui-don-thuoc";

    private final URI base;
    private final String connectionCode;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;

    public DonThuocQuocGiaClient(URI base, String connectionCode, String password) {
        this.base = base;
        this.connectionCode = connectionCode;
        this.password = password;
    }

    @Override
    public PrescriptionReply send(ObjectNode prescription) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = post(SEND_PATH, prescription.toString(), token());
            if (response.statusCode() == 401 && attempt == 1) {
                synchronized (this) {
                    token = null;
                }
                continue;
            }
            JsonNode answer = parse(response.body());
            boolean ok = response.statusCode() / 100 == 2 && answer.path("success").asBoolean(true)
                    && !answer.has("error");
            return new PrescriptionReply(ok, answer.path("code").asText(String.valueOf(response.statusCode())),
                    answer.path("message").asText(answer.path("error").asText("")));
        }
    }

    private synchronized String token() {
        if (token != null) {
            return token;
        }
        ObjectNode login = json.createObjectNode().put("ma_lien_thong_co_so_kham_chua_benh", connectionCode)
                .put("mat_khau", password);
        HttpResponse<String> response = post(LOGIN_PATH, login.toString(), null);
        JsonNode answer = parse(response.body());
        String value = answer.path("token").asText(answer.path("data").path("token").asText(""));
        if (response.statusCode() != 200 || value.isEmpty()) {
            throw new GatewayUnavailable("VNEMR-7511: the national prescription system refused the facility login: "
                    + response.statusCode() + " " + answer.path("message").asText(""));
        }
        token = value;
        return token;
    }

    private HttpResponse<String> post(String path, String body, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (accessToken != null) {
            request.header("access-token", accessToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500) {
                throw new GatewayUnavailable("VNEMR-7512: the national prescription system answered HTTP "
                        + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new GatewayUnavailable("VNEMR-7512: the national prescription system could not be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailable("interrupted", e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new GatewayUnavailable("VNEMR-7512: the national prescription system answered something that is"
                    + " not JSON", e);
        }
    }
}
