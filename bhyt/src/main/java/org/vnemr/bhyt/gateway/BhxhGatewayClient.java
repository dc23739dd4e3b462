package org.vnemr.bhyt.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The BHXH gateway over HTTPS, as documented in the BHXH guidance (NATIONAL-FORMATS §1.3): a session token from
 * {@code /api/token/take} (password sent as upper-case MD5 hex — the gateway's rule, not our choice), then check-in
 * ({@code /api/qd130/checkInKcbQd4750}, {@code loaiHoSo=0}) and dossiers ({@code /api/qd130/guiHoSoXmlQD4750},
 * {@code loaiHoSo=130}) with the file as base64. The token is kept until shortly before it expires and renewed
 * once when the gateway answers 401. Network failures and 5xx answers raise {@link GatewayUnavailable}: the outbox
 * tries again later.
 */
public final class BhxhGatewayClient implements InsuranceGateway {

    static final String TOKEN_PATH = "/api/token/take";
    static final String CHECK_IN_PATH = "/api/qd130/checkInKcbQd4750";
    static final String DOSSIER_PATH = "/api/qd130/guiHoSoXmlQD4750";
    static final String HISTORY_PATH = "/api/egw/KQNhanLichSuKCB2024";
    /** Renew this long before the announced expiry, so a request never leaves with a token about to lapse. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(2);
    private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofMinutes(30);

    private final GatewaySettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private Token token;

    private record Token(String accessToken, String idToken, Instant expires) {
    }

    public BhxhGatewayClient(GatewaySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public GatewayReply checkIn(byte[] signedCheckIn) {
        return send(CHECK_IN_PATH, "0", signedCheckIn);
    }

    @Override
    public GatewayReply submitDossier(byte[] signedEnvelope) {
        return send(DOSSIER_PATH, "130", signedEnvelope);
    }

    @Override
    public String cardHistory(String cardNumber, String fullName, String birthDate, String staffName,
                              String staffCccd) {
        Token current = token();
        String query = "?token=" + encode(current.accessToken()) + "&id_token=" + encode(current.idToken())
                + "&username=" + encode(settings.username()) + "&password=" + encode(md5(settings.password()));
        ObjectNode body = json.createObjectNode().put("maThe", cardNumber).put("hoTen", fullName)
                .put("ngaySinh", birthDate).put("hoTenCb", staffName).put("cccdCb", staffCccd);
        return post(HISTORY_PATH + query, body.toString(), "application/json", null).body();
    }

    private GatewayReply send(String path, String kind, byte[] file) {
        for (int attempt = 1; ; attempt++) {
            Token current = token();
            ObjectNode body = json.createObjectNode().put("username", settings.username()).put("loaiHoSo", kind)
                    .put("maTinh", settings.provinceCode()).put("maCSKCB", settings.facilityCode())
                    .put("fileHSBase64", Base64.getEncoder().encodeToString(file));
            HttpResponse<String> response = post(path, body.toString(), "application/json", current);
            GatewayReply reply = reply(response.body());
            if (reply.authenticationProblem() && attempt == 1) {
                synchronized (this) {
                    token = null; // renew once: the gateway may have ended the session early
                }
                continue;
            }
            return reply;
        }
    }

    private synchronized Token token() {
        if (token != null && clock.instant().isBefore(token.expires().minus(TOKEN_MARGIN))) {
            return token;
        }
        String form = "username=" + encode(settings.username()) + "&password=" + encode(md5(settings.password()));
        HttpResponse<String> response = post(TOKEN_PATH, form, "application/x-www-form-urlencoded", null);
        JsonNode answer = parse(response.body());
        JsonNode key = answer.path("APIKey");
        if (answer.path("maKetQua").asInt() != 200 || !key.hasNonNull("access_token")) {
            throw new GatewayUnavailable("VNEMR-7501: the BHXH gateway refused the facility account: "
                    + answer.path("maKetQua").asText() + " " + answer.path("thongDiep").asText(""));
        }
        token = new Token(key.path("access_token").asText(), key.path("id_token").asText(),
                expiry(key.path("expires_in").asText("")));
        return token;
    }

    /** {@code expires_in} is documented as a UTC time; accept an ISO instant or a number of seconds. */
    private Instant expiry(String text) {
        Instant now = clock.instant();
        try {
            if (text.matches("\\d{1,7}")) {
                return now.plusSeconds(Long.parseLong(text));
            }
            return Instant.parse(text.endsWith("Z") || text.contains("+") ? text : text + "Z");
        } catch (RuntimeException e) {
            return now.plus(DEFAULT_TOKEN_LIFE);
        }
    }

    private HttpResponse<String> post(String path, String body, String contentType, Token auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (auth != null) {
            request.header("accessToken", auth.accessToken()).header("tokenId", auth.idToken())
                    .header("passwordHash", md5(settings.password()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500) {
                throw new GatewayUnavailable("VNEMR-7502: the BHXH gateway answered HTTP " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new GatewayUnavailable("VNEMR-7502: the BHXH gateway could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailable("interrupted", e);
        }
    }

    private GatewayReply reply(String body) {
        JsonNode answer = parse(body);
        return new GatewayReply(answer.path("maKetQua").asInt(-1), answer.path("maGiaoDich").asText(null),
                answer.path("thoiGianTiepNhan").asText(null), answer.path("thongDiep").asText(null));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new GatewayUnavailable("VNEMR-7502: the BHXH gateway answered something that is not JSON", e);
        }
    }

    /** Upper-case hex MD5, the gateway's required password form (it is the gateway's rule, not a safe hash). */
    static String md5(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
